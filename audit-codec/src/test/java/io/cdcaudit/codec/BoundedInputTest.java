package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.message;
import static io.cdcaudit.codec.Messages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Input that would cost unbounded memory or time, or that is not Unicode, is a dead letter naming the path. */
@DisplayName("bounded input")
class BoundedInputTest {

  private static final String SOURCE = "{\"version\":\"3.5.0.Final\",\"connector\":\"mariadb\",\"name\":\"srv\","
      + "\"ts_ms\":1700000000000,\"snapshot\":\"false\",\"db\":\"shop\",\"table\":\"items\",\"server_id\":1,"
      + "\"file\":\"mysql-bin.000002\",\"pos\":400,\"row\":0}";

  private static String withSchema(String fieldSchema, String after) {
    String fields = "[" + fieldSchema + "]";
    String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":" + fields
        + ",\"optional\":true,\"field\":\"after\"},{\"type\":\"string\",\"field\":\"op\"}]}";
    return "{\"schema\":" + schema + ",\"payload\":{\"before\":null,\"after\":" + after + ",\"source\":" + SOURCE
        + ",\"op\":\"c\",\"ts_ms\":1700000000100}}";
  }

  private static String maxwellInsert(String data) {
    return "{\"database\":\"d\",\"table\":\"t\",\"type\":\"insert\",\"ts\":1,\"xid\":1,\"commit\":true,\"data\":" + data + "}";
  }

  private static String fail(ChangeDecoder decoder, String value) {
    return assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThatThrownBy(() -> decoder.decode(value(value))).isInstanceOf(DecodeException.class))
        .actual().getMessage();
  }

  @Nested
  @DisplayName("numbers")
  class Numbers {

    @Test
    @DisplayName("a 99-byte Maxwell event with the number 1e2147483000 fails quickly, naming the path")
    void hugeExponent() {
      String event = "{\"database\":\"d\",\"table\":\"t\",\"type\":\"insert\",\"ts\":1,\"xid\":1,\"commit\":true,"
          + "\"data\":{\"n\":1e2147483000}}";
      assertThat(event.getBytes(StandardCharsets.UTF_8)).hasSize(99);

      assertThat(fail(MaxwellDecoder.create(), event))
          .startsWith("maxwell: $.data.n the number 1E+2147483000 is out of range")
          .contains("10000");
    }

    @Test
    @DisplayName("a number with a huge scale or many digits fails, also inside a JSON column and for every decoder")
    void hugeScaleAnywhere() {
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"n\":1e-20000}")))
          .startsWith("maxwell: $.data.n the number 1E-20000 is out of range");
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"doc\":{\"a\":[1, 2e99999]}}")))
          .startsWith("maxwell: $.data.doc.a[1] the number 2E+99999 is out of range");
      assertThat(fail(ChangeDecoders.auto(), maxwellInsert("{\"n\":1e2147483000}")))
          .startsWith("maxwell: $.data.n the number");
      assertThat(fail(DebeziumDecoder.create(), "{\"before\":null,\"after\":{\"n\":1e2147483000},\"source\":" + SOURCE
          + ",\"op\":\"c\",\"ts_ms\":1700000000100}")).startsWith("debezium: $.after.n the number");
    }

    @Test
    @DisplayName("the bound itself is accepted: 10,000 places of scale")
    void atTheBound() throws DecodeException {
      assertThat(Messages.change(MaxwellDecoder.create(), maxwellInsert("{\"n\":1e-10000}")).after().get("n"))
          .isNotNull();
    }

    @Test
    @DisplayName("a VariableScaleDecimal with a scale of -2e9 fails before any decimal arithmetic")
    void variableScale() {
      String schema = "{\"type\":\"struct\",\"name\":\"io.debezium.data.VariableScaleDecimal\",\"fields\":["
          + "{\"type\":\"int32\",\"field\":\"scale\"},{\"type\":\"bytes\",\"field\":\"value\"}],\"field\":\"n\"}";

      assertThat(fail(DebeziumDecoder.create(), withSchema(schema, "{\"n\":{\"scale\":-2000000000,\"value\":\"AQ==\"}}")))
          .startsWith("debezium: $.payload.after.n.scale is out of range")
          .contains("-2000000000");
    }

    @Test
    @DisplayName("a Connect Decimal with a huge scale, or with more digits than allowed, fails naming the path")
    void connectDecimal() {
      String schema = "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\","
          + "\"parameters\":{\"scale\":\"%s\"},\"field\":\"n\"}";
      String manyDigits = java.util.Base64.getEncoder().encodeToString(new byte[5_000]).replaceFirst("A", "f");

      assertThat(fail(DebeziumDecoder.create(), withSchema(schema.formatted("2147483000"), "{\"n\":\"AQ==\"}")))
          .startsWith("debezium: $.payload.after.n has a decimal scale out of range");
      assertThat(fail(DebeziumDecoder.create(), withSchema(schema.formatted("2"), "{\"n\":\"" + manyDigits + "\"}")))
          .startsWith("debezium: $.payload.after.n is out of range");
    }
  }

  @Nested
  @DisplayName("lone surrogates")
  class LoneSurrogates {

    @Test
    @DisplayName("in a value, a column name, a table or database name, or a key fail naming the path")
    void everywhere() {
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"a\":\"x\\ud800\"}")))
          .isEqualTo("maxwell: $.data.a has a lone surrogate (U+D800) at index 1: it is not Unicode text");
      // Jackson itself refuses some lone surrogates in field names, with a line and column; either way a dead letter.
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"a\\udc00\":1}"))).startsWith("maxwell: ").contains("surrogate");
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"a\\ud800b\":1}"))).startsWith("maxwell: ").contains("surrogate");
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"a\":1}").replace("\"t\"", "\"\\ud800\"")))
          .startsWith("maxwell: $.table has a lone surrogate");
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"a\":1}").replace("\"d\"", "\"\\ud800\"")))
          .startsWith("maxwell: $.database has a lone surrogate");
      assertThat(fail(MaxwellDecoder.create(), maxwellInsert("{\"doc\":{\"k\":[\"\\ud800\"]}}")))
          .startsWith("maxwell: $.data.doc.k[0] has a lone surrogate");
      assertThat(fail(DebeziumDecoder.create(), Fixtures.line(Fixtures.DEBEZIUM, 12).value().replace("Ana Lima", "Ana \\udfff")))
          .startsWith("debezium: $.after.full_name has a lone surrogate (U+DFFF)");
      assertThatThrownBy(() -> DebeziumDecoder.create().decode(message("t", "{\"id\":\"\\ud800\"}",
          Fixtures.line(Fixtures.DEBEZIUM, 12).value())))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("debezium: $key.id has a lone surrogate");
    }

    @Test
    @DisplayName("a well-formed pair (an emoji) is text")
    void pairs() throws DecodeException {
      assertThat(Messages.change(MaxwellDecoder.create(), maxwellInsert("{\"a\":\"\\ud83d\\ude00\"}")).after().get("a").asText())
          .isEqualTo("\uD83D\uDE00");
    }

    // In audit record JSON: audit-record-json's BoundedInputTest.
  }
}
