package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.change;
import static io.cdcaudit.codec.Messages.fixture;
import static io.cdcaudit.codec.Messages.message;
import static io.cdcaudit.codec.Messages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("MaxwellDecoder")
class MaxwellDecoderTest {

  private static final String INSERT = "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"ts\":1700000000,"
      + "\"xid\":9,\"commit\":true,\"data\":{\"id\":1,\"status\":\"new\"}}";

  @Nested
  @DisplayName("on the full capture")
  class FullCapture {

    @Test
    @DisplayName("rebuilds an update's full before image from data and old, keeping exact decimals and column order")
    void updateOfSeveralColumns() throws DecodeException {
      ChangeEvent event = fixture(MaxwellDecoder.create(), Fixtures.MAXWELL, 9);

      assertThat(event.operation()).isEqualTo(Operation.UPDATE);
      assertThat(event.before().columnNames()).containsExactly("id", "customer_id", "status", "total", "placed_on", "note");
      assertThat(event.before().get("status")).isEqualTo(Value.of("new"));
      assertThat(event.before().get("total")).isEqualTo(Value.of(new BigDecimal("250.00")));
      assertThat(((Value.Decimal) event.before().get("total")).value().scale()).isEqualTo(2);
      assertThat(event.before().get("note")).isEqualTo(Value.of("deliver after 5pm"));
      assertThat(event.after().get("status")).isEqualTo(Value.of("shipped"));
      assertThat(event.after().get("total")).isEqualTo(Value.of(new BigDecimal("245.50")));
      assertThat(event.after().get("note")).isEqualTo(Value.of("partial refund 4.50"));
      assertThat(event.after().get("placed_on")).isEqualTo(Value.of("2025-03-03"));
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 2));
    }

    @Test
    @DisplayName("takes the transaction from xid, xoffset and commit, and the position from server_id and position")
    void transactionAndPosition() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.create();
      ChangeEvent first = fixture(decoder, Fixtures.MAXWELL, 5);
      ChangeEvent last = fixture(decoder, Fixtures.MAXWELL, 7);

      assertThat(first.transaction()).contains(new TransactionRef("433", 0, false));
      assertThat(last.transaction()).contains(new TransactionRef("433", -1, true));
      assertThat(first.position()).isEqualTo(new SourcePosition(1L, "mysql-bin.000001", 68898, -1, null));
      assertThat(first.committedAt()).isEqualTo(Instant.ofEpochSecond(1795421530));
      assertThat(first.connectionId()).as("thread_id 0 means unknown").isEmpty();
      assertThat(first.statement()).isEmpty();
      assertThat(first.producer()).isEqualTo("maxwell");
    }

    @Test
    @DisplayName("keeps text as printed, unicode included")
    void unicode() throws DecodeException {
      ChangeEvent event = fixture(MaxwellDecoder.create(), Fixtures.MAXWELL, 10);

      assertThat(event.after().get("full_name")).isEqualTo(Value.of("Björn Ørsted"));
      assertThat(event.before().get("full_name")).isEqualTo(Value.NULL);
      assertThat(event.before().get("region_id")).isEqualTo(Value.NULL);
      assertThat(event.after().get("region_id")).isEqualTo(Value.of(1));
    }

    @Test
    @DisplayName("turns DDL into a schema change with the sql, timed in milliseconds")
    void ddl() throws DecodeException {
      ChangeEvent event = fixture(MaxwellDecoder.create(), Fixtures.MAXWELL, 15);

      assertThat(event.operation()).isEqualTo(Operation.SCHEMA_CHANGE);
      assertThat(event.table()).isEqualTo(TableRef.of("storefront", "orders"));
      assertThat(event.statement()).contains("ALTER TABLE orders ADD COLUMN channel VARCHAR(10) NULL");
      assertThat(event.committedAt()).isEqualTo(Instant.ofEpochMilli(1795421533000L));
      assertThat(event.position().binlogOffset()).isEqualTo(77726);
      assertThat(event.transaction()).isEmpty();
    }

    @Test
    @DisplayName("skips bootstrap markers and turns bootstrap rows into snapshot rows without a transaction")
    void bootstrap() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.create();
      Decoded start = decoder.decode(Fixtures.line(Fixtures.MAXWELL, 23).message());
      ChangeEvent row = fixture(decoder, Fixtures.MAXWELL, 24);

      assertThat(start).isEqualTo(Decoded.skipped(Decoded.SkipReason.MARKER, "maxwell bootstrap-start of storefront.regions"));
      assertThat(row.operation()).isEqualTo(Operation.SNAPSHOT);
      assertThat(row.after()).isEqualTo(Row.builder().put("id", 1).put("code", "NO").put("name", "Nordics").build());
      assertThat(row.transaction()).isEmpty();
      assertThat(row.committedAt()).isEqualTo(Instant.ofEpochSecond(1795421539));
    }
  }

  @Nested
  @DisplayName("finds the primary key")
  class PrimaryKeys {

    private final String defaultOutputInsert = Fixtures.line(Fixtures.MAXWELL_DEFAULT, 3).value();

    @Test
    @DisplayName("in Maxwell's hash-format Kafka key, with the value's type taken from the row")
    void hashKey() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.create(),
          message("maxwell", "{\"database\":\"storefront\",\"table\":\"orders\",\"pk.id\":1}", defaultOutputInsert));

      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
    }

    @Test
    @DisplayName("in Maxwell's array-format Kafka key, columns in key order")
    void arrayKey() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.create(),
          message("maxwell", "[\"storefront\",\"orders\",[{\"customer_id\":1},{\"id\":1}]]", defaultOutputInsert));

      assertThat(event.primaryKey().columns().columnNames()).containsExactly("customer_id", "id");
    }

    @Test
    @DisplayName("from the key document when the row lacks the column")
    void valueFromKey() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.create(), message("maxwell",
          "{\"database\":\"shop\",\"table\":\"orders\",\"pk.tenant\":\"acme\",\"pk.id\":1}", INSERT));

      assertThat(event.primaryKey().canonical()).isEqualTo("{\"tenant\":\"acme\",\"id\":1}");
    }

    @Test
    @DisplayName("from the builder's configuration when the event says nothing")
    void configured() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.builder().primaryKey("storefront.orders", "id").build(), defaultOutputInsert);

      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
    }

    @Test
    @DisplayName("learned from an earlier table-create, and forgotten after table-drop")
    void learnedFromDdl() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.create();
      String insert = "{\"database\":\"storefront\",\"table\":\"promo_codes\",\"type\":\"insert\",\"ts\":1795421535,"
          + "\"xid\":562,\"commit\":true,\"data\":{\"code\":\"SPRING10\",\"pct\":10}}";

      assertThat(change(decoder, insert).primaryKey()).as("before the DDL").isEqualTo(PrimaryKey.NONE);
      decoder.decode(Fixtures.line(Fixtures.MAXWELL, 18).message());
      assertThat(change(decoder, insert).primaryKey()).isEqualTo(PrimaryKey.of("code", "SPRING10"));
      decoder.decode(Fixtures.line(Fixtures.MAXWELL, 21).message());
      assertThat(change(decoder, insert).primaryKey()).as("after the drop").isEqualTo(PrimaryKey.NONE);
    }

    @Test
    @DisplayName("learned for at most as many tables as configured, and not at all when the bound is 0")
    void learningIsBounded() throws DecodeException {
      String customerInsert = Fixtures.line(Fixtures.MAXWELL_DEFAULT, 1).value();
      MaxwellDecoder one = MaxwellDecoder.builder().maxLearnedTables(1).build();
      MaxwellDecoder none = MaxwellDecoder.builder().maxLearnedTables(0).build();
      for (int line = 1; line <= 2; line++) {
        one.decode(Fixtures.line(Fixtures.MAXWELL, line).message());
        none.decode(Fixtures.line(Fixtures.MAXWELL, line).message());
      }

      assertThat(change(one, defaultOutputInsert).primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
      assertThat(change(one, customerInsert).primaryKey()).as("evicted to make room").isEqualTo(PrimaryKey.NONE);
      assertThat(change(none, defaultOutputInsert).primaryKey()).isEqualTo(PrimaryKey.NONE);
    }

    @Test
    @DisplayName("preferring configured columns over learned ones")
    void configuredBeforeLearned() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.builder().primaryKey("storefront.orders", "customer_id", "id").build();
      decoder.decode(Fixtures.line(Fixtures.MAXWELL, 2).message());

      assertThat(change(decoder, defaultOutputInsert).primaryKey().columns().columnNames())
          .containsExactly("customer_id", "id");
    }

    @Test
    @DisplayName("or none, which is not an error")
    void none() throws DecodeException {
      assertThat(change(MaxwellDecoder.create(), INSERT).primaryKey()).isEqualTo(PrimaryKey.NONE);
    }
  }

  @Nested
  @DisplayName("maps values")
  class Values {

    private Value data(String json) throws DecodeException {
      return change(MaxwellDecoder.create(), INSERT.replace("{\"id\":1,\"status\":\"new\"}", "{\"id\":1,\"v\":" + json + "}"))
          .after().get("v");
    }

    @Test
    @DisplayName("integers beyond long as BigInt")
    void unsignedBigint() throws DecodeException {
      assertThat(data("18446744073709551615")).isEqualTo(Value.of(new BigInteger("18446744073709551615")))
          .isInstanceOf(Value.BigInt.class);
      assertThat(data("-9223372036854775808")).isEqualTo(Value.of(Long.MIN_VALUE));
    }

    @Test
    @DisplayName("fractions and exponents as exact decimals with the printed scale")
    void decimals() throws DecodeException {
      assertThat(data("7.50")).isEqualTo(Value.of(new BigDecimal("7.50")));
      assertThat(data("0.1")).isEqualTo(Value.of(new BigDecimal("0.1")));
      assertThat(data("1.5e3")).isEqualTo(Value.of(new BigDecimal("1.5E+3")));
      assertThat(data("12345678901234567890.123456789012345678")).isEqualTo(
          Value.of(new BigDecimal("12345678901234567890.123456789012345678")));
    }

    @Test
    @DisplayName("JSON columns as compact JSON, booleans as booleans, null as NULL")
    void jsonBooleanNull() throws DecodeException {
      assertThat(data("{\"a\": [1, 2.50, {\"b\": null}]}")).isEqualTo(Value.ofJson("{\"a\":[1,2.50,{\"b\":null}]}"));
      assertThat(data("[ ]")).isEqualTo(Value.ofJson("[]"));
      assertThat(data("true")).isEqualTo(Value.of(true));
      assertThat(data("null")).isEqualTo(Value.NULL);
    }
  }

  @Nested
  @DisplayName("event ids")
  class EventIds {

    @Test
    @DisplayName("without a position come from the message's coordinates: a redelivery keeps its id, another message gets another")
    void defaultOutputUsesMessage() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.create();
      SourceMessage message = value(INSERT);
      ChangeEvent original = change(decoder, message);
      ChangeEvent redelivered = change(decoder, message);
      ChangeEvent republished = change(decoder, value(INSERT));

      assertThat(redelivered.id()).isEqualTo(original.id());
      assertThat(republished.id()).as("Maxwell publishing it again after its own crash").isNotEqualTo(original.id());
    }

    @Test
    @DisplayName("with a position tell apart the rows of one binlog event by xoffset")
    void rowsOfOneEvent() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.create();

      assertThat(List.of(fixture(decoder, Fixtures.MAXWELL, 5).id(), fixture(decoder, Fixtures.MAXWELL, 6).id(),
          fixture(decoder, Fixtures.MAXWELL, 7).id())).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("with a position and commit do not depend on the row's content")
    void positionWithoutKey() throws DecodeException {
      String positioned = INSERT.replace("\"xid\":9,", "\"xid\":9,\"position\":\"mysql-bin.000003:400\",\"server_id\":1,");
      MaxwellDecoder decoder = MaxwellDecoder.create();

      assertThat(change(decoder, positioned).id())
          .isEqualTo(change(decoder, positioned.replace("\"new\"", "\"old\"")).id());
    }
  }

  @Nested
  @DisplayName("reads the optional fields")
  class OptionalFields {

    @Test
    @DisplayName("thread_id as connection id, query as statement, gtid into the position; unknown fields are ignored")
    void threadQueryGtid() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.create(), INSERT.replace("\"xid\":9,",
          "\"xid\":9,\"thread_id\":42,\"query\":\"INSERT INTO orders VALUES (1,'new') /* actor='ana' */\","
              + "\"gtid\":\"0-1-7\",\"server_id\":1,\"position\":\"mysql-bin.000003:400\",\"primary_key\":[1],"
              + "\"primary_key_columns\":[\"id\"],\"future_field\":{\"x\":1},"));

      assertThat(event.connectionId()).hasValue(42);
      assertThat(event.statement()).contains("INSERT INTO orders VALUES (1,'new') /* actor='ana' */");
      assertThat(event.position()).isEqualTo(new SourcePosition(1L, "mysql-bin.000003", 400, -1, "0-1-7"));
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
    }

    @Test
    @DisplayName("database DDL without a table")
    void databaseDdl() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.create(),
          "{\"type\":\"database-create\",\"database\":\"shop\",\"def\":{\"database\":\"shop\",\"charset\":\"utf8mb4\"},"
              + "\"ts\":1700000000000,\"sql\":\"CREATE DATABASE shop\"}");

      assertThat(event.table()).isEqualTo(TableRef.of("shop", ""));
      assertThat(event.operation()).isEqualTo(Operation.SCHEMA_CHANGE);
    }

    @Test
    @DisplayName("an update without old has a before image equal to the after image")
    void updateWithoutOld() throws DecodeException {
      ChangeEvent event = change(MaxwellDecoder.create(), INSERT.replace("\"insert\"", "\"update\""));

      assertThat(event.before()).isEqualTo(event.after());
    }
  }

  @Nested
  @DisplayName("rejects malformed input with a message that says what and where")
  class Errors {

    private String failure(String json) {
      DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
          () -> MaxwellDecoder.create().decode(value(json)));
      return e.getMessage();
    }

    @Test
    @DisplayName("an unknown type")
    void unknownType() {
      assertThat(failure(INSERT.replace("\"insert\"", "\"upsert\"")))
          .isEqualTo("maxwell: $.type 'upsert' is not a Maxwell event type");
    }

    @Test
    @DisplayName("a field of the wrong type")
    void wrongType() {
      assertThat(failure(INSERT.replace("1700000000", "\"yesterday\"")))
          .isEqualTo("maxwell: $.ts must be an integer, got the string \"yesterday\"");
      assertThat(failure(INSERT.replace("{\"id\":1,\"status\":\"new\"}", "[1]")))
          .isEqualTo("maxwell: $.data must be an object, got an array");
      assertThat(failure(INSERT.replace("\"xid\":9,", "\"xoffset\":-1,")))
          .isEqualTo("maxwell: $.xoffset must not be negative, got -1");
    }

    @Test
    @DisplayName("a missing or empty database or table")
    void missingNames() {
      assertThat(failure(INSERT.replace("\"database\":\"shop\",", ""))).isEqualTo("maxwell: $.database is missing");
      assertThat(failure(INSERT.replace("\"orders\"", "\"\""))).isEqualTo("maxwell: $.table is empty");
    }

    @Test
    @DisplayName("JSON that does not parse, with line and column")
    void notJson() {
      assertThat(failure("{\"database\":\"shop\",\n\"table\":")).startsWith("maxwell: the message is not JSON: ")
          .contains("line 2, column");
      assertThat(failure("  ")).isEqualTo("maxwell: the message is empty");
      assertThat(failure("[1]")).isEqualTo("maxwell: the message must be a JSON object, got an array");
      assertThat(failure(INSERT + " {}")).startsWith("maxwell: the message is not JSON: ");
    }

    @Test
    @DisplayName("a field given twice, which would leave the decoder guessing")
    void duplicateField() {
      assertThat(failure(INSERT.replace("\"table\":\"orders\",", "\"table\":\"orders\",\"table\":\"users\",")))
          .startsWith("maxwell: the message is not JSON: Duplicate field 'table'");
    }

    @Test
    @DisplayName("a column with an empty name, a bad position, a time out of range")
    void domainLimits() {
      assertThat(failure(INSERT.replace("\"status\"", "\"\""))).isEqualTo("maxwell: $.data has a column with an empty name");
      assertThat(failure(INSERT.replace("\"xid\":9,", "\"position\":\"mysql-bin.000001:x\",")))
          .isEqualTo("maxwell: $.position 'mysql-bin.000001:x' is not 'file:offset'");
      assertThat(failure(INSERT.replace("1700000000", "99999999999999"))).startsWith("maxwell: $.ts is not a time in seconds");
    }

    @Test
    @DisplayName("a message without a value")
    void noValue() {
      assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(null)))
          .isInstanceOf(DecodeException.class)
          .hasMessage("maxwell: the message has no value (a tombstone); Maxwell never writes one");
    }
  }

  @Test
  @DisplayName("builder settings are validated, naming the setting")
  void builderValidation() {
    assertThatThrownBy(() -> MaxwellDecoder.builder().primaryKey("orders", "id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("MaxwellDecoder.primaryKey: expected 'database.table'");
    assertThatThrownBy(() -> MaxwellDecoder.builder().primaryKey("shop.orders"))
        .hasMessage("MaxwellDecoder.primaryKey: no key columns given for shop.orders");
    assertThatThrownBy(() -> MaxwellDecoder.builder().primaryKey("shop.orders", "id", " "))
        .hasMessage("MaxwellDecoder.primaryKey: a key column of shop.orders is blank");
    assertThatThrownBy(() -> MaxwellDecoder.builder().maxLearnedTables(-1))
        .hasMessageStartingWith("MaxwellDecoder.maxLearnedTables must be >= 0");
  }
}
