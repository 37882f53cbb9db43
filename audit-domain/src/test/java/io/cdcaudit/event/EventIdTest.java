package io.cdcaudit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("EventId")
class EventIdTest {

  @Nested
  @DisplayName("derive")
  class Derive {

    @Test
    @DisplayName("gives the same id for the same parts")
    void deterministic() {
      assertThat(EventId.derive("7", "mysql-bin.000001", "1234", "0"))
          .isEqualTo(EventId.derive("7", "mysql-bin.000001", "1234", "0"));
    }

    @Test
    @DisplayName("gives 32 lower-case hex characters")
    void format() {
      assertThat(EventId.derive("x").value()).matches("[0-9a-f]{32}");
    }

    @Test
    @DisplayName("gives a different id for different parts")
    void differentParts() {
      assertThat(EventId.derive("7", "mysql-bin.000001", "1234", "0"))
          .isNotEqualTo(EventId.derive("7", "mysql-bin.000001", "1234", "1"));
    }

    @Test
    @DisplayName("length-prefixes parts: (ab, c) and (a, bc) differ")
    void lengthPrefixed() {
      assertThat(EventId.derive("ab", "c")).isNotEqualTo(EventId.derive("a", "bc"));
      assertThat(EventId.derive("a|b")).isNotEqualTo(EventId.derive("a", "b"));
    }

    @Test
    @DisplayName("tells a null part from an empty one")
    void nullVersusEmpty() {
      assertThat(EventId.derive("a", null)).isNotEqualTo(EventId.derive("a", ""));
      assertThat(EventId.derive((String) null)).isNotEqualTo(EventId.derive("-1:"));
    }

    @Test
    @DisplayName("depends on the number of parts")
    void partCount() {
      assertThat(EventId.derive("a")).isNotEqualTo(EventId.derive("a", ""));
      assertThat(EventId.derive()).isNotEqualTo(EventId.derive(""));
    }

    @Test
    @DisplayName("an id derived can be read back with of()")
    void roundTrip() {
      EventId id = EventId.derive("x");
      assertThat(EventId.of(id.value())).isEqualTo(id);
      assertThat(id).hasToString(id.value());
    }
  }

  @Nested
  @DisplayName("of")
  class Of {

    @ParameterizedTest(name = "accepts ''{0}''")
    @ValueSource(strings = {"a", "abc-DEF_0.9:x", "0123456789abcdef0123456789abcdef"})
    void accepts(String value) {
      assertThat(EventId.of(value).value()).isEqualTo(value);
    }

    @Test
    @DisplayName("accepts 128 characters")
    void accepts128() {
      assertThat(EventId.of("a".repeat(128)).value()).hasSize(128);
    }

    @ParameterizedTest(name = "rejects ''{0}'' with a message saying what an id is")
    @ValueSource(strings = {"", "has space", "a/b", "ü", "a|b"})
    void rejects(String value) {
      assertThatThrownBy(() -> EventId.of(value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 to 128 characters of [A-Za-z0-9._:-]")
          .hasMessageContaining("'" + value + "'");
    }

    @Test
    @DisplayName("rejects 129 characters")
    void rejects129() {
      assertThatThrownBy(() -> EventId.of("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("rejects null")
    void rejectsNull() {
      assertThatThrownBy(() -> EventId.of(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  @DisplayName("ids compare and equal by their text")
  void ordering() {
    assertThat(EventId.of("a")).isLessThan(EventId.of("b"));
    assertThat(EventId.of("a")).isEqualTo(EventId.of("a")).hasSameHashCodeAs(EventId.of("a"));
  }
}
