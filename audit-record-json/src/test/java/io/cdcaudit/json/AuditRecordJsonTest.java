package io.cdcaudit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.TestRecords;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AuditRecordJson")
class AuditRecordJsonTest {

  private static final Instant RECORDED = Instant.parse("2026-11-23T08:15:00.123456Z");

  private static AuditRecord roundTrip(AuditRecord record) {
    AuditRecord viaBytes = AuditRecordJson.fromBytes(AuditRecordJson.toBytes(record));
    AuditRecord viaText = AuditRecordJson.fromText(AuditRecordJson.toText(record));
    assertThat(viaText).isEqualTo(viaBytes);
    return viaBytes;
  }

  @Nested
  @DisplayName("reads back exactly what it wrote")
  class RoundTrip {

    // Every change of the captures is read back too: audit-codec's DecodedCapturesJsonTest, where the decoders are.

    @Test
    @DisplayName("for every kind of value, an actor with attributes and an expiry")
    void everyKindOfValue() {
      Row row = TestRecords.everyKindOfValue();
      AuditRecord record = TestRecords.row("shop.things", 1)
          .update(row.overlay(Row.builder().put("name", "before").build()), row)
          .transaction(new TransactionRef("0-1-42", 3, true))
          .position(new SourcePosition(7L, "mysql-bin.000009", 1234, 2, "0-7-99"))
          .statement("UPDATE things SET name = 'x' /* actor='ana',request='r-17' */")
          .connectionId(31)
          .actor("ana", Actor.Source.SQL_COMMENT, Map.of("request", "r-17", "app", "shop"))
          .expiresAt(Instant.parse("2033-11-23T08:15:00.000001Z"))
          .at(Instant.parse("2026-11-23T08:12:11.987654321Z"))
          .recordedAt(RECORDED)
          .build();

      AuditRecord back = roundTrip(record);

      assertThat(back).isEqualTo(record);
      assertThat(back.actor()).isEqualTo(record.actor());
      assertThat(back.retention()).isEqualTo(record.retention());
      assertThat(back.changes()).isEqualTo(record.changes());
      assertThat(back.event().connectionId()).isEqualTo(record.event().connectionId());
    }

    @Test
    @DisplayName("for a legal hold, a schema change, a truncate and changes set by a policy")
    void otherShapes() {
      List<AuditRecord> records = List.of(
          TestRecords.row("shop.orders", 5).delete(Row.builder().put("id", 5).build()).legalHold().build(),
          TestRecords.table("shop.orders").schemaChange("ALTER TABLE orders ADD COLUMN x INT").build(),
          TestRecords.table("shop.orders").truncate().build(),
          TestRecords.row("shop.orders", 6).insert(Row.builder().put("id", 6).put("secret", "***").build())
              .changes(List.of(new FieldChange("secret", Value.NULL, Value.of("***")))).build());

      for (AuditRecord record : records) {
        assertThat(roundTrip(record)).isEqualTo(record);
      }
    }
  }

  @Nested
  @DisplayName("writes readable JSON")
  class Format {

    @Test
    @DisplayName("with the documented field names")
    void fieldNames() throws Exception {
      AuditRecord record = TestRecords.row("shop.orders", 2)
          .update(Row.builder().put("id", 2).put("total", Value.of(new BigDecimal("250.00"))).build(),
              Row.builder().put("id", 2).put("total", Value.of(new BigDecimal("245.50"))).build())
          .transaction("453")
          .position("mysql-bin.000001", 72560, 0)
          .producer("maxwell")
          .origin("maxwell", "0", 1234)
          .at(Instant.parse("2026-11-23T08:12:11Z"))
          .recordedAt(RECORDED)
          .build();

      JsonNode json = new ObjectMapper().readTree(AuditRecordJson.toBytes(record));

      assertThat(json.fieldNames()).toIterable().containsExactly("id", "producer", "database", "table", "op",
          "committedAt", "transaction", "position", "primaryKey", "before", "after", "changes", "statement",
          "connectionId", "origin", "actor", "recordedAt", "retention");
      assertThat(json.get("origin").toString())
          .isEqualTo("{\"stream\":\"maxwell\",\"partition\":\"0\",\"ordered\":true,\"position\":\"1234\"}");
      assertThat(AuditRecordJson.fromBytes(AuditRecordJson.toBytes(record))).isEqualTo(record);
      assertThat(json.get("op").asText()).isEqualTo("update");
      assertThat(json.get("committedAt").asText()).isEqualTo("2026-11-23T08:12:11Z");
      assertThat(json.get("transaction").toString()).isEqualTo("{\"id\":\"453\",\"position\":null,\"last\":false}");
      assertThat(json.get("position").toString())
          .isEqualTo("{\"serverId\":1,\"file\":\"mysql-bin.000001\",\"offset\":72560,\"row\":0,\"gtid\":null}");
      assertThat(json.get("primaryKey").toString()).isEqualTo("{\"id\":2}");
      assertThat(AuditRecordJson.toText(record)).contains("\"changes\":[{\"column\":\"total\",\"before\":250.00,\"after\":245.50}]");
      assertThat(json.get("actor").toString()).isEqualTo("{\"name\":null,\"source\":\"unknown\",\"attributes\":{}}");
      assertThat(json.get("retention").toString()).isEqualTo("{\"expiresAt\":null,\"legalHold\":false}");
    }

    @Test
    @DisplayName("with each value kind encoded as documented")
    void values() {
      assertThat(AuditRecordJson.valueToJson(Value.of(new BigDecimal("250.00")))).isEqualTo("250.00");
      assertThat(AuditRecordJson.valueToJson(Value.of(new BigDecimal("5")))).isEqualTo("5E0");
      assertThat(AuditRecordJson.valueToJson(Value.of(new BigInteger("18446744073709551615"))))
          .isEqualTo("18446744073709551615");
      assertThat(AuditRecordJson.valueToJson(Value.of("Björn \"Ø\""))).isEqualTo("\"Björn \\\"Ø\\\"\"");
      assertThat(AuditRecordJson.valueToJson(Value.ofBytes(new byte[] {0, 1, 2}))).isEqualTo("{\"$binary\":\"AAEC\"}");
      assertThat(AuditRecordJson.valueToJson(Value.ofJson("{\"a\":[1,2.50]}"))).isEqualTo("{\"$json\":{\"a\":[1,2.50]}}");
      assertThat(AuditRecordJson.valueToJson(Value.ofJson("{ \"a\" : 1 }"))).isEqualTo("{\"$jsonText\":\"{ \\\"a\\\" : 1 }\"}");
      assertThat(AuditRecordJson.valueToJson(Value.NULL)).isEqualTo("null");
      assertThat(AuditRecordJson.valueToJson(Value.of(false))).isEqualTo("false");
    }

    @Test
    @DisplayName("whose values and rows read back exactly, decimal scale and JSON text included")
    void valuesReadBack() {
      List<Value> values = List.of(Value.of(new BigDecimal("5")), Value.of(new BigDecimal("5E+3")),
          Value.of(new BigDecimal("0.000000000000000001")), Value.of(new BigDecimal("-1.50")), Value.of(-7),
          Value.of(new BigInteger("-18446744073709551615")), Value.ofJson("\"just a string\""), Value.ofJson("{ \"a\" : 1 }"),
          Value.ofJson("not json at all"), Value.ofJson("1e3"), Value.ofBytes(new byte[0]), Value.of(""), Value.NULL);

      for (Value value : values) {
        assertThat(AuditRecordJson.valueFromJson(AuditRecordJson.valueToJson(value))).as("%s", value).isEqualTo(value);
      }
      Row row = TestRecords.everyKindOfValue();
      assertThat(AuditRecordJson.rowFromJson(AuditRecordJson.rowToJson(row)).asMap())
          .containsExactlyEntriesOf(row.asMap());
    }
  }

  @Nested
  @DisplayName("refuses JSON that is not a record, naming the path")
  class Malformed {

    private final String valid = AuditRecordJson.toText(TestRecords.insert("shop.orders", 1, RECORDED));

    @Test
    @DisplayName("a missing or wrong field")
    void fields() {
      assertThatThrownBy(() -> AuditRecordJson.fromText(valid.replaceFirst("\"id\":\"[^\"]+\",", "")))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessage("audit record JSON: $.id is missing");
      assertThatThrownBy(() -> AuditRecordJson.fromText(valid.replace("\"op\":\"insert\"", "\"op\":\"upsert\"")))
          .hasMessage("audit record JSON: $.op 'upsert' is not an operation");
      assertThatThrownBy(() -> AuditRecordJson.fromText(valid.replaceFirst("\"committedAt\":\"[^\"]+\"", "\"committedAt\":\"noon\"")))
          .hasMessage("audit record JSON: $.committedAt 'noon' is not an ISO-8601 instant");
    }

    @Test
    @DisplayName("a value that is neither plain nor tagged")
    void values() {
      assertThatThrownBy(() -> AuditRecordJson.valueFromJson("{\"$money\":1}"))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessage("audit record JSON: $ is an object but not {\"$binary\":..}, {\"$json\":..} or {\"$jsonText\":..}");
      assertThatThrownBy(() -> AuditRecordJson.rowFromJson("{\"a\":[1]}"))
          .hasMessageStartingWith("audit record JSON: $.a must be a value");
      assertThatThrownBy(() -> AuditRecordJson.fromText("{\"id\":"))
          .hasMessageStartingWith("audit record JSON: the input is not JSON");
    }

    @Test
    @DisplayName("fields that make no valid record")
    void inconsistent() {
      assertThatThrownBy(() -> AuditRecordJson.fromText(valid.replace("\"op\":\"insert\"", "\"op\":\"truncate\"")))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: not a valid audit record: a truncate of shop.orders has no after image");
    }
  }
}
