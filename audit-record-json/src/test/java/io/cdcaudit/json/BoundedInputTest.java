package io.cdcaudit.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.tck.TestRecords;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** JSON that would cost unbounded memory or time, or that is not Unicode, never becomes a record. */
@DisplayName("bounded input")
class BoundedInputTest {

  private static final String VALID = AuditRecordJson.toText(
      TestRecords.insert("shop.orders", 1, Instant.parse("2026-01-01T00:00:00Z")));

  @Nested
  @DisplayName("lone surrogates")
  class LoneSurrogates {

    @Test
    @DisplayName("in audit record JSON fail with MalformedAuditJsonException naming the path")
    void auditRecordJson() {
      assertThatThrownBy(() -> AuditRecordJson.fromText(VALID.replace("\"shop\"", "\"sh\\ud800op\"")))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: $.database has a lone surrogate");
      assertThatThrownBy(() -> AuditRecordJson.valueFromJson("\"\\udc00\""))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: $ has a lone surrogate");
      assertThatThrownBy(() -> AuditRecordJson.rowFromJson("{\"\\ud800\":1}"))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageContaining("surrogate");
      assertThatThrownBy(() -> AuditRecordJson.read(new ObjectMapper().createObjectNode().put("id", "\ud800")))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: $.id has a lone surrogate");
    }
  }

  @Nested
  @DisplayName("numbers")
  class Numbers {

    @Test
    @DisplayName("with a huge exponent or scale fail naming the path, in a record, a row and a value")
    void hugeNumbers() {
      assertThatThrownBy(() -> AuditRecordJson.fromText(VALID.replace("\"after\":{\"id\":1", "\"after\":{\"id\":1e2147483000")))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: $.after.id the number 1E+2147483000 is out of range");
      assertThatThrownBy(() -> ValueJson.rowFromJson("{\"n\":1e-20000}"))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: $.n the number 1E-20000 is out of range");
      assertThatThrownBy(() -> ValueJson.fromJson("{\"$json\":[1,2e99999]}"))
          .isInstanceOf(MalformedAuditJsonException.class)
          .hasMessageStartingWith("audit record JSON: $.$json[1] the number 2E+99999 is out of range");
    }
  }
}
