package io.cdcaudit.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PrimaryKey")
class PrimaryKeyTest {

  @Test
  @DisplayName("canonical of a numeric key is {\"id\":1}")
  void numeric() {
    assertThat(PrimaryKey.of("id", 1).canonical()).isEqualTo("{\"id\":1}");
  }

  @Test
  @DisplayName("canonical of a text key is {\"code\":\"SPRING10\"}")
  void text() {
    assertThat(PrimaryKey.of("code", "SPRING10").canonical()).isEqualTo("{\"code\":\"SPRING10\"}");
  }

  @Test
  @DisplayName("a composite key keeps key order, and order matters")
  void compositeOrder() {
    PrimaryKey tenantFirst = PrimaryKey.of(Row.builder().put("tenant", "a").put("id", 7).build());
    PrimaryKey idFirst = PrimaryKey.of(Row.builder().put("id", 7).put("tenant", "a").build());
    assertThat(tenantFirst.canonical()).isEqualTo("{\"tenant\":\"a\",\"id\":7}");
    assertThat(idFirst.canonical()).isEqualTo("{\"id\":7,\"tenant\":\"a\"}");
    assertThat(tenantFirst).isNotEqualTo(idFirst);
  }

  @Test
  @DisplayName("the text \"1\" and the number 1 are different keys")
  void textVersusNumber() {
    PrimaryKey text = PrimaryKey.of("id", "1");
    PrimaryKey number = PrimaryKey.of("id", 1);
    assertThat(text.canonical()).isEqualTo("{\"id\":\"1\"}");
    assertThat(text).isNotEqualTo(number);
  }

  @Test
  @DisplayName("keys of the same columns and values are equal with equal hash codes")
  void equality() {
    assertThat(PrimaryKey.of("id", 42)).isEqualTo(PrimaryKey.of("id", Value.of(42))).hasSameHashCodeAs(PrimaryKey.of("id", 42));
  }

  @Test
  @DisplayName("NONE has no columns and an empty canonical text; an empty row gives NONE")
  void none() {
    assertThat(PrimaryKey.NONE.isNone()).isTrue();
    assertThat(PrimaryKey.NONE.canonical()).isEmpty();
    assertThat(PrimaryKey.NONE.columns()).isSameAs(Row.EMPTY);
    assertThat(PrimaryKey.of(Row.EMPTY)).isSameAs(PrimaryKey.NONE);
    assertThat(PrimaryKey.of("id", 1).isNone()).isFalse();
    assertThat(PrimaryKey.NONE).hasToString("(no key)");
  }

  @Test
  @DisplayName("columns are the key columns in key order")
  void columns() {
    Row columns = Row.builder().put("tenant", "a").put("id", 7).build();
    assertThat(PrimaryKey.of(columns).columns()).isEqualTo(columns);
    assertThat(PrimaryKey.of(columns)).hasToString("{\"tenant\":\"a\",\"id\":7}");
  }
}
