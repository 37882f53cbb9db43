package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.change;
import static io.cdcaudit.codec.Messages.fixture;
import static io.cdcaudit.codec.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("DebeziumDecoder")
class DebeziumDecoderTest {

  static final String SOURCE = "{\"version\":\"3.5.0.Final\",\"connector\":\"mariadb\",\"name\":\"srv\",\"ts_ms\":1700000000000,"
      + "\"snapshot\":\"false\",\"db\":\"shop\",\"table\":\"items\",\"server_id\":1,\"gtid\":\"0-1-9\","
      + "\"file\":\"mysql-bin.000002\",\"pos\":400,\"row\":0,\"thread\":null,\"query\":null}";

  static String create(String after) {
    return "{\"before\":null,\"after\":" + after + ",\"source\":" + SOURCE + ",\"op\":\"c\",\"ts_ms\":1700000000100}";
  }

  @Nested
  @DisplayName("on the capture without schemas")
  class Capture {

    @Test
    @DisplayName("gives an update's images, key, transaction, position, time and statement")
    void nullToValueUpdate() throws DecodeException {
      ChangeEvent event = fixture(DebeziumDecoder.create(), Fixtures.DEBEZIUM, 19);

      assertThat(event.operation()).isEqualTo(Operation.UPDATE);
      assertThat(event.before().get("full_name")).isEqualTo(Value.NULL);
      assertThat(event.after().get("full_name")).isEqualTo(Value.of("Björn Ørsted"));
      assertThat(event.after().get("region_id")).isEqualTo(Value.of(1));
      assertThat(event.after().get("created_at")).as("a temporal number stays a number").isEqualTo(Value.of(1740909600000L));
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 2));
      assertThat(event.transaction()).contains(TransactionRef.of("0-1-65"));
      assertThat(event.position()).isEqualTo(new SourcePosition(1L, "mysql-bin.000001", 72921, 0, "0-1-65"));
      assertThat(event.committedAt()).isEqualTo(Instant.ofEpochSecond(1795421531));
      assertThat(event.statement()).contains("UPDATE customers SET full_name = 'Björn Ørsted', region_id = 1 WHERE id = 2");
      assertThat(event.connectionId()).isEmpty();
      assertThat(event.producer()).isEqualTo("debezium");
    }

    @Test
    @DisplayName("keeps decimals printed as strings as text, as the producer gave them")
    void decimalStrings() throws DecodeException {
      ChangeEvent event = fixture(DebeziumDecoder.create(), Fixtures.DEBEZIUM, 18);

      assertThat(event.before().get("total")).isEqualTo(Value.of("250.00"));
      assertThat(event.after().get("total")).isEqualTo(Value.of("245.50"));
      assertThat(event.after().get("placed_on")).isEqualTo(Value.of(20150));
    }

    @Test
    @DisplayName("takes a delete's key values from the before image")
    void delete() throws DecodeException {
      ChangeEvent event = fixture(DebeziumDecoder.create(), Fixtures.DEBEZIUM, 23);

      assertThat(event.operation()).isEqualTo(Operation.DELETE);
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 3));
      assertThat(event.after().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("skips a tombstone, naming its topic")
    void tombstone() throws DecodeException {
      FixtureLine line = Fixtures.line(Fixtures.DEBEZIUM, 24);

      assertThat(DebeziumDecoder.create().decode(line.message()))
          .isEqualTo(Decoded.skipped(Decoded.SkipReason.TOMBSTONE, "debezium tombstone on storesrv.storefront.orders"));
      assertThat(DebeziumDecoder.create().decode(message("t", null, "null")))
          .isInstanceOf(Decoded.Skipped.class);
    }

    @Test
    @DisplayName("turns the snapshot's schema changes into distinct schema-change events")
    void snapshotSchemaChanges() throws DecodeException {
      DebeziumDecoder decoder = DebeziumDecoder.create();
      List<EventId> ids = new ArrayList<>();
      for (int line = 1; line <= 6; line++) {
        ChangeEvent event = change(decoder, Fixtures.line(Fixtures.DEBEZIUM, line).message());
        assertThat(event.operation()).isEqualTo(Operation.SCHEMA_CHANGE);
        ids.add(event.id());
      }
      ChangeEvent first = change(decoder, Fixtures.line(Fixtures.DEBEZIUM, 1).message());

      assertThat(ids).doesNotHaveDuplicates();
      assertThat(first.table()).isEqualTo(TableRef.of("", ""));
      assertThat(first.statement()).contains("SET character_set_server=utf8mb4, collation_server=utf8mb4_general_ci");
      assertThat(first.position().serverId()).as("server_id 0 means unknown").isNull();
      assertThat(first.transaction()).isEmpty();
    }

    @Test
    @DisplayName("turns snapshot rows into snapshot events without a transaction")
    void snapshotRows() throws DecodeException {
      ChangeEvent event = fixture(DebeziumDecoder.create(), Fixtures.DEBEZIUM, 8);

      assertThat(event.operation()).isEqualTo(Operation.SNAPSHOT);
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 2));
      assertThat(event.transaction()).isEmpty();
    }

    @Test
    @DisplayName("gives the rows of one multi-row statement the row number within the binlog event")
    void multiRowStatement() throws DecodeException {
      ChangeEvent event = fixture(DebeziumDecoder.create(), Fixtures.DEBEZIUM, 15);

      assertThat(event.position().row()).isEqualTo(1);
      assertThat(event.statement()).hasValueSatisfying(sql -> assertThat(sql).contains("(2, 'new', 7.50"));
    }
  }

  @Nested
  @DisplayName("finds the primary key")
  class PrimaryKeys {

    private final String orderInsert = Fixtures.line(Fixtures.DEBEZIUM, 14).value();

    @Test
    @DisplayName("in a key wrapped with its schema")
    void wrappedKey() throws DecodeException {
      ChangeEvent event = change(DebeziumDecoder.create(), Fixtures.line(Fixtures.DEBEZIUM_SCHEMAS, 1).message());

      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
    }

    @Test
    @DisplayName("learned from a schema change when the record has no key, forgotten after a drop")
    void learned() throws DecodeException {
      DebeziumDecoder decoder = DebeziumDecoder.create();

      assertThat(change(decoder, message("t", null, orderInsert)).primaryKey()).isEqualTo(PrimaryKey.NONE);
      decoder.decode(Fixtures.line(Fixtures.DEBEZIUM, 11).message());
      assertThat(change(decoder, message("t", null, orderInsert)).primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
      decoder.decode(message("storesrv", null, Fixtures.line(Fixtures.DEBEZIUM, 32).value()
          .replace("promo_codes", "orders")));
      assertThat(change(decoder, message("t", null, orderInsert)).primaryKey()).isEqualTo(PrimaryKey.NONE);
    }

    @Test
    @DisplayName("configured on the builder when there is no key")
    void configured() throws DecodeException {
      DebeziumDecoder decoder = DebeziumDecoder.builder().primaryKey("storefront.orders", "customer_id", "id").build();

      assertThat(change(decoder, message("t", null, orderInsert)).primaryKey().canonical())
          .isEqualTo("{\"customer_id\":1,\"id\":1}");
    }

    @Test
    @DisplayName("none for a table without a primary key, whose key is null; rows of one binlog event still get distinct ids")
    void none() throws DecodeException {
      DebeziumDecoder decoder = DebeziumDecoder.create();
      ChangeEvent one = change(decoder, message("t", "null", create("{\"a\":1}")));
      ChangeEvent other = change(decoder, message("t", "null", create("{\"a\":2}").replace("\"row\":0", "\"row\":1")));

      assertThat(one.primaryKey()).isEqualTo(PrimaryKey.NONE);
      assertThat(one.id()).isNotEqualTo(other.id());
    }
  }

  @Nested
  @DisplayName("with schemas")
  class WithSchemas {

    private static final String ITEM_FIELDS = "["
        + "{\"type\":\"bytes\",\"optional\":false,\"field\":\"uid\"},"
        + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
        + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},\"field\":\"price\"},"
        + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
        + "\"parameters\":{\"scale\":\"2\"},\"field\":\"refund\"},"
        + "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},"
        + "{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,"
        + "\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"field\":\"ratio\"},"
        + "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Json\",\"version\":1,\"field\":\"doc\"},"
        + "{\"type\":\"string\",\"optional\":true,\"field\":\"label\"},"
        + "{\"type\":\"int64\",\"optional\":true,\"field\":\"big\"}]";

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
        + "{\"type\":\"struct\",\"fields\":" + ITEM_FIELDS + ",\"optional\":true,\"field\":\"before\"},"
        + "{\"type\":\"struct\",\"fields\":" + ITEM_FIELDS + ",\"optional\":true,\"field\":\"after\"},"
        + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"}],\"name\":\"srv.shop.items.Envelope\"}";

    private static final String KEY = "{\"schema\":{\"type\":\"struct\",\"fields\":"
        + "[{\"type\":\"bytes\",\"optional\":false,\"field\":\"uid\"}],\"name\":\"srv.shop.items.Key\"},"
        + "\"payload\":{\"uid\":\"AQI=\"}}";

    private ChangeEvent decode(String after) throws DecodeException {
      return change(DebeziumDecoder.create(), message("srv.shop.items", KEY,
          "{\"schema\":" + SCHEMA + ",\"payload\":" + create(after) + "}"));
    }

    @Test
    @DisplayName("reads bytes, Connect decimals, variable-scale decimals and JSON with their meaning")
    void logicalTypes() throws DecodeException {
      ChangeEvent event = decode("{\"uid\":\"AQI=\",\"price\":\"Yag=\",\"refund\":\"/2o=\",\"ratio\":{\"scale\":3,\"value\":\"MDk=\"},"
          + "\"doc\":\"{\\\"a\\\": [1, 2.50]}\",\"label\":\"AQI=\",\"big\":18446744073709551615}");

      assertThat(event.after().get("uid")).isEqualTo(Value.ofBytes(new byte[] {1, 2}));
      assertThat(event.after().get("price")).isEqualTo(Value.of(new BigDecimal("250.00")));
      assertThat(event.after().get("refund")).isEqualTo(Value.of(new BigDecimal("-1.50")));
      assertThat(event.after().get("ratio")).isEqualTo(Value.of(new BigDecimal("12.345")));
      assertThat(event.after().get("doc")).isEqualTo(Value.ofJson("{\"a\":[1,2.50]}"));
      assertThat(event.after().get("label")).as("a plain string stays text").isEqualTo(Value.of("AQI="));
      assertThat(event.after().get("big")).isEqualTo(Value.of(new BigInteger("18446744073709551615")));
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("uid", Value.ofBytes(new byte[] {1, 2})));
    }

    @Test
    @DisplayName("rejects a value its schema says is base64 when it is not")
    void badBase64() {
      DecodeException e = assertThrows(DecodeException.class, () -> decode("{\"uid\":\"not base64!\"}"));

      assertThat(e.getMessage()).startsWith("debezium: $.payload.after.uid is not base64");
    }

    @Test
    @DisplayName("rejects a JSON column that does not hold JSON")
    void badJson() {
      DecodeException e = assertThrows(DecodeException.class, () -> decode("{\"uid\":\"AQI=\",\"doc\":\"{oops\"}"));

      assertThat(e.getMessage()).isEqualTo(
          "debezium: $.payload.after.doc is not a JSON document although its schema is io.debezium.data.Json");
    }

    @Test
    @DisplayName("reads the captured update the same as without schemas")
    void sameAsWithout() throws DecodeException {
      ChangeEvent with = change(DebeziumDecoder.create(), Fixtures.line(Fixtures.DEBEZIUM_SCHEMAS, 2).message());
      ChangeEvent without = fixture(DebeziumDecoder.create(), Fixtures.DEBEZIUM, 18);

      assertThat(with.before()).isEqualTo(without.before());
      assertThat(with.after()).isEqualTo(without.after());
      assertThat(with.id()).as("the same change has the same id").isEqualTo(without.id());
    }
  }

  @Nested
  @DisplayName("reads the other kinds of record")
  class OtherKinds {

    @Test
    @DisplayName("a truncate, with neither images nor key")
    void truncate() throws DecodeException {
      ChangeEvent event = change(DebeziumDecoder.create(),
          "{\"before\":null,\"after\":null,\"source\":" + SOURCE + ",\"op\":\"t\",\"ts_ms\":1700000000100}");

      assertThat(event.operation()).isEqualTo(Operation.TRUNCATE);
      assertThat(event.table()).isEqualTo(TableRef.of("shop", "items"));
      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.NONE);
    }

    @Test
    @DisplayName("the transaction block, when transaction metadata is on")
    void transactionBlock() throws DecodeException {
      ChangeEvent event = change(DebeziumDecoder.create(), create("{\"a\":1}").replace("\"op\":\"c\"",
          "\"op\":\"c\",\"transaction\":{\"id\":\"0-1-9\",\"total_order\":3,\"data_collection_order\":1}"));

      assertThat(event.transaction()).contains(new TransactionRef("0-1-9", 3, false));
    }

    @Test
    @DisplayName("source.thread as connection id, ts_ms when there is no ts_us")
    void threadAndMillis() throws DecodeException {
      ChangeEvent event = change(DebeziumDecoder.create(), create("{\"a\":1}").replace("\"thread\":null", "\"thread\":31"));

      assertThat(event.connectionId()).hasValue(31);
      assertThat(event.committedAt()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
    }

    @Test
    @DisplayName("transaction metadata and heartbeats are markers")
    void markers() throws DecodeException {
      DebeziumDecoder decoder = DebeziumDecoder.create();

      assertThat(decoder.decode(message("srv.transaction", "{\"id\":\"0-1-9\"}",
          "{\"status\":\"BEGIN\",\"id\":\"0-1-9\",\"event_count\":null,\"data_collections\":null,\"ts_ms\":1700000000000}")))
          .isEqualTo(Decoded.skipped(Decoded.SkipReason.MARKER, "debezium transaction BEGIN 0-1-9"));
      assertThat(decoder.decode(message("__debezium-heartbeat.srv", "{\"serverName\":\"srv\"}", "{\"ts_ms\":1700000000000}")))
          .isEqualTo(Decoded.skipped(Decoded.SkipReason.MARKER, "debezium heartbeat on __debezium-heartbeat.srv"));
    }
  }

  @Nested
  @DisplayName("rejects malformed input with a message that says what and where")
  class Errors {

    private String failure(String key, String value) {
      return assertThrows(DecodeException.class,
          () -> DebeziumDecoder.create().decode(message("t", key, value))).getMessage();
    }

    @Test
    @DisplayName("a missing source.db")
    void missingDb() {
      assertThat(failure(null, create("{\"a\":1}").replace("\"db\":\"shop\",", "")))
          .isEqualTo("debezium: $.source.db is missing");
    }

    @Test
    @DisplayName("an unknown op")
    void unknownOp() {
      assertThat(failure(null, create("{\"a\":1}").replace("\"op\":\"c\"", "\"op\":\"m\"")))
          .isEqualTo("debezium: $.op 'm' is not a Debezium operation (c, u, d, r, t)");
    }

    @Test
    @DisplayName("a field of the wrong type")
    void wrongType() {
      assertThat(failure(null, create("{\"a\":1}").replace("\"pos\":400", "\"pos\":\"400\"")))
          .isEqualTo("debezium: $.source.pos must be an integer, got the string \"400\"");
    }

    @Test
    @DisplayName("a create without its row")
    void missingAfter() {
      assertThat(failure(null, create("null"))).isEqualTo("debezium: $.after is missing; a Debezium 'c' event carries it");
    }

    @Test
    @DisplayName("a key that is not JSON")
    void badKey() {
      assertThat(failure("id=1", create("{\"a\":1}"))).startsWith("debezium: the key is not JSON: ");
    }

    @Test
    @DisplayName("a value that is no kind of Debezium record")
    void noKind() {
      assertThat(failure(null, "{\"hello\":1}"))
          .isEqualTo("debezium: $ is not a Debezium event: it has no op, no ddl and databaseName, and no transaction status");
    }
  }
}
