package io.cdcaudit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StrictJson: the rules every reader of JSON in the library shares")
class StrictJsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("empty input and text that is not JSON are refused, worded for what the caller read")
  void unreadable() {
    UnreadableJsonException empty = catchThrowableOfType(UnreadableJsonException.class, () -> StrictJson.readTree(utf8(" \n")));
    UnreadableJsonException notJson = catchThrowableOfType(UnreadableJsonException.class, () -> StrictJson.readTree(utf8("{x")));

    assertThat(empty.describe("the message")).isEqualTo("the message is empty");
    assertThat(empty.getCause()).isNull();
    assertThat(notJson.describe("the key")).startsWith("the key is not JSON: ").contains("at line 1, column");
    assertThat(notJson.getCause()).isNotNull();
  }

  @Test
  @DisplayName("duplicate keys and trailing content are errors, not guesses")
  void strict() {
    assertThat(catchThrowableOfType(UnreadableJsonException.class, () -> StrictJson.readTree(utf8("{\"a\":1,\"a\":2}"))))
        .isNotNull();
    assertThat(catchThrowableOfType(UnreadableJsonException.class, () -> StrictJson.readTree(utf8("{\"a\":1} {}"))))
        .isNotNull();
  }

  @Test
  @DisplayName("numbers stay exact, trailing zeros and all")
  void exactNumbers() throws UnreadableJsonException {
    JsonNode tree = StrictJson.readTree(utf8("{\"price\":250.00,\"big\":123456789012345678901234567890}"));

    assertThat(tree.get("price").decimalValue().scale()).isEqualTo(2);
    assertThat(StrictJson.compact(tree)).isEqualTo("{\"price\":250.00,\"big\":123456789012345678901234567890}");
  }

  @Test
  @DisplayName("a lone surrogate or a number out of range is named with its path")
  void problems() throws UnreadableJsonException {
    assertThat(StrictJson.problem(StrictJson.readTree(utf8("{\"a\":[\"ok\",\"\\ud800\"]}")), "$"))
        .startsWith("$.a[1] has a lone surrogate (U+D800)");
    assertThat(StrictJson.problem(StrictJson.readTree(utf8("{\"n\":1e-100000}")), "$key")).startsWith("$key.n the number");
    assertThat(StrictJson.problem(StrictJson.readTree(utf8("{\"a\":\"\\ud83d\\ude00\"}")), "$")).isNull();
  }

  @Test
  @DisplayName("describe names a node's kind and the start of its text")
  void describes() {
    assertThat(StrictJson.describe(null)).isEqualTo("nothing");
    assertThat(StrictJson.describe(StrictJson.parseOrNull("\"" + "x".repeat(50) + "\""))).isEqualTo("the string \"" + "x".repeat(40) + "...\"");
    assertThat(StrictJson.parseOrNull("{")).isNull();
  }
}
