package io.cdcaudit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Row")
class RowTest {

  private static Row user() {
    return Row.builder().put("id", 1).put("name", "alice").put("email", "a@x.io").build();
  }

  @Nested
  @DisplayName("order and presence")
  class OrderAndPresence {

    @Test
    @DisplayName("keeps the columns in the order they were put")
    void builderKeepsOrder() {
      Row row = Row.builder().put("z", 1).put("a", 2).put("m", 3).build();
      assertThat(row.columnNames()).containsExactly("z", "a", "m");
      assertThat(row.asMap().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    @DisplayName("keeps the map's iteration order and copies the map")
    void ofKeepsOrderAndCopies() {
      Map<String, Value> map = new LinkedHashMap<>();
      map.put("b", Value.of(2));
      map.put("a", Value.of(1));
      Row row = Row.of(map);
      map.put("c", Value.of(3));
      assertThat(row.columnNames()).containsExactly("b", "a");
    }

    @Test
    @DisplayName("tells an absent column (null) from a NULL one (Value.NULL)")
    void absentVersusNull() {
      Row row = Row.builder().put("note", Value.NULL).build();
      assertThat(row.get("note")).isSameAs(Value.NULL);
      assertThat(row.has("note")).isTrue();
      assertThat(row.get("missing")).isNull();
      assertThat(row.has("missing")).isFalse();
    }

    @Test
    @DisplayName("is unmodifiable")
    void unmodifiable() {
      assertThatThrownBy(() -> user().asMap().put("x", Value.NULL)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("an empty map or builder gives Row.EMPTY")
    void emptyIsShared() {
      assertThat(Row.of(Map.of())).isSameAs(Row.EMPTY);
      assertThat(Row.builder().build()).isSameAs(Row.EMPTY);
      assertThat(Row.EMPTY.isEmpty()).isTrue();
      assertThat(Row.EMPTY.size()).isZero();
    }

    @Test
    @DisplayName("putting a column again replaces its value in its first place")
    void putAgainReplaces() {
      Row row = Row.builder().put("a", 1).put("b", 2).put("a", 3).build();
      assertThat(row.columnNames()).containsExactly("a", "b");
      assertThat(row.get("a")).isEqualTo(Value.of(3));
    }
  }

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    @DisplayName("the builder rejects a null or empty column name")
    void builderRejectsBadNames() {
      assertThatThrownBy(() -> Row.builder().put((String) null, Value.NULL))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column name");
      assertThatThrownBy(() -> Row.builder().put("", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column name");
    }

    @Test
    @DisplayName("the builder rejects a null value, naming the column")
    void builderRejectsNullValue() {
      assertThatThrownBy(() -> Row.builder().put("email", (Value) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("email");
    }

    @Test
    @DisplayName("Row.of rejects an empty column name and a null value")
    void ofRejectsBadEntries() {
      Map<String, Value> emptyName = new HashMap<>();
      emptyName.put("", Value.of(1));
      assertThatThrownBy(() -> Row.of(emptyName)).isInstanceOf(IllegalArgumentException.class);
      Map<String, Value> nullValue = new HashMap<>();
      nullValue.put("a", null);
      assertThatThrownBy(() -> Row.of(nullValue)).isInstanceOf(NullPointerException.class).hasMessageContaining("a");
    }
  }

  @Nested
  @DisplayName("overlay")
  class Overlay {

    @Test
    @DisplayName("makes a Maxwell before-image: data overlaid with old, in table order")
    void maxwellBeforeImage() {
      Row data = Row.builder().put("id", 1).put("name", "bob").put("email", "a@x.io").build();
      Row old = Row.builder().put("name", "alice").build();
      Row before = data.overlay(old);
      assertThat(before.columnNames()).containsExactly("id", "name", "email");
      assertThat(before.get("name")).isEqualTo(Value.of("alice"));
      assertThat(before.get("email")).isEqualTo(Value.of("a@x.io"));
    }

    @Test
    @DisplayName("appends columns that only the overlay has")
    void appendsNewColumns() {
      Row data = Row.builder().put("id", 1).put("name", "bob").build();
      Row old = Row.builder().put("legacy", "x").put("name", "alice").build();
      assertThat(data.overlay(old).columnNames()).containsExactly("id", "name", "legacy");
    }

    @Test
    @DisplayName("with an empty overlay returns the same row")
    void emptyOverlay() {
      Row row = user();
      assertThat(row.overlay(Row.EMPTY)).isSameAs(row);
    }

    @Test
    @DisplayName("leaves both rows unchanged")
    void immutable() {
      Row data = user();
      Row old = Row.builder().put("name", "zed").build();
      data.overlay(old);
      assertThat(data.get("name")).isEqualTo(Value.of("alice"));
      assertThat(old.size()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("select")
  class Select {

    @Test
    @DisplayName("keeps the named columns in the row's order and ignores absent names")
    void selectInRowOrder() {
      Row selected = user().select(List.of("email", "missing", "id"));
      assertThat(selected.columnNames()).containsExactly("id", "email");
    }

    @Test
    @DisplayName("of no matching column is Row.EMPTY")
    void selectNothing() {
      assertThat(user().select(List.of("nope"))).isSameAs(Row.EMPTY);
    }
  }

  @Nested
  @DisplayName("map")
  class MapValues {

    @Test
    @DisplayName("replaces values and keeps the order")
    void replaces() {
      Row mapped = user().map((c, v) -> c.equals("name") ? Value.of("ALICE") : v);
      assertThat(mapped.columnNames()).containsExactly("id", "name", "email");
      assertThat(mapped.get("name")).isEqualTo(Value.of("ALICE"));
    }

    @Test
    @DisplayName("drops a column where the function returns null")
    void nullDrops() {
      Row mapped = user().map((c, v) -> c.equals("email") ? null : v);
      assertThat(mapped.columnNames()).containsExactly("id", "name");
    }

    @Test
    @DisplayName("returns the same instance when the function changes nothing")
    void identityIsSameInstance() {
      Row row = user();
      assertThat(row.map((c, v) -> v)).isSameAs(row);
    }

    @Test
    @DisplayName("dropping every column gives Row.EMPTY")
    void dropAll() {
      assertThat(user().map((c, v) -> null)).isSameAs(Row.EMPTY);
    }
  }

  @Nested
  @DisplayName("canonicalText")
  class Canonical {

    @Test
    @DisplayName("prints compact JSON in row order with each kind of value")
    void everyKind() {
      Row row = Row.builder()
          .put("id", 1)
          .put("name", "alice")
          .put("price", Value.of(new BigDecimal("250.00")))
          .put("active", Value.of(true))
          .put("note", Value.NULL)
          .put("prefs", Value.ofJson("{\"a\":1}"))
          .put("avatar", Value.ofBytes(new byte[] {1, 2, 3}))
          .put("big", Value.of(java.math.BigInteger.TWO.pow(64)))
          .build();
      assertThat(row.canonicalText()).isEqualTo(
          "{\"id\":1,\"name\":\"alice\",\"price\":250.00,\"active\":true,\"note\":null,"
              + "\"prefs\":{\"a\":1},\"avatar\":{\"$binary\":\"AQID\"},\"big\":18446744073709551616}");
    }

    @Test
    @DisplayName("is the same for equal rows built separately")
    void deterministic() {
      assertThat(user().canonicalText()).isEqualTo(user().canonicalText());
    }

    @Test
    @DisplayName("differs when the column order differs, and such rows are not equal")
    void orderMatters() {
      Row ab = Row.builder().put("a", 1).put("b", 2).build();
      Row ba = Row.builder().put("b", 2).put("a", 1).build();
      assertThat(ab.canonicalText()).isNotEqualTo(ba.canonicalText());
      // "Equal rows give equal texts": rows whose texts differ must not be equal.
      assertThat(ab).isNotEqualTo(ba);
    }

    @Test
    @DisplayName("equal rows are equal with equal hash codes")
    void equalRows() {
      assertThat(user()).isEqualTo(user()).hasSameHashCodeAs(user());
      assertThat(user()).isNotEqualTo(user().map((c, v) -> c.equals("id") ? Value.of(2) : v));
    }

    @Test
    @DisplayName("escapes quotes and backslashes in names and values")
    void escapesQuotesAndBackslash() {
      Row row = Row.builder().put("we\"ird", "say \"hi\" C:\\dir").build();
      assertThat(row.canonicalText()).isEqualTo("{\"we\\\"ird\":\"say \\\"hi\\\" C:\\\\dir\"}");
    }

    @Test
    @DisplayName("escapes control characters")
    void escapesControlCharacters() {
      Row row = Row.builder().put("t", "a\nb\rc\td\u0000e\u001f").build();
      assertThat(row.canonicalText()).isEqualTo("{\"t\":\"a\\nb\\rc\\td\\u0000e\\u001f\"}");
    }

    @Test
    @DisplayName("keeps unicode as is")
    void keepsUnicode() {
      Row row = Row.builder().put("name", "Zoë 😀 日本").build();
      assertThat(row.canonicalText()).isEqualTo("{\"name\":\"Zoë 😀 日本\"}");
    }

    @Test
    @DisplayName("of the empty row is {}")
    void empty() {
      assertThat(Row.EMPTY.canonicalText()).isEqualTo("{}");
    }
  }
}
