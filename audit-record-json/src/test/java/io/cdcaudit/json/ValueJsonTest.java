package io.cdcaudit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.tck.TestRecords;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ValueJson")
class ValueJsonTest {

  @Test
  @DisplayName("reads back every kind of value and a row, from text and from a tree")
  void readsBack() throws Exception {
    List<Value> values = List.of(Value.of(new BigDecimal("250.00")), Value.of(new BigDecimal("5")), Value.of(-7),
        Value.of(new BigInteger("18446744073709551615")), Value.of("Ø"), Value.of(true), Value.NULL,
        Value.ofBytes(new byte[] {0, 1, 2}), Value.ofJson("{\"a\":[1,2.50]}"), Value.ofJson("{ \"a\" : 1 }"));

    for (Value value : values) {
      String json = ValueJson.toJson(value);
      assertThat(json).as("%s", value).isEqualTo(AuditRecordJson.valueToJson(value));
      assertThat(ValueJson.fromJson(json)).as("%s", value).isEqualTo(value);
    }
    Row row = TestRecords.everyKindOfValue();
    assertThat(ValueJson.rowFromJson(ValueJson.rowToJson(row)).asMap()).containsExactlyEntriesOf(row.asMap());
    assertThat(ValueJson.readRow(new ObjectMapper().readTree("{\"id\":1,\"bin\":{\"$binary\":\"AAEC\"}}")))
        .isEqualTo(Row.builder().put("id", 1).put("bin", Value.ofBytes(new byte[] {0, 1, 2})).build());
  }

  @Test
  @DisplayName("refuses an object that is not a tagged value, naming the path")
  void refuses() {
    assertThatThrownBy(() -> ValueJson.rowFromJson("{\"a\":{\"$money\":1}}"))
        .isInstanceOf(MalformedAuditJsonException.class)
        .hasMessage("audit record JSON: $.a is an object but not {\"$binary\":..}, {\"$json\":..} or {\"$jsonText\":..}");
  }
}
