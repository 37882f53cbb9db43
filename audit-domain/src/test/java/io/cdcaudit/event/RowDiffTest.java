package io.cdcaudit.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.TestEvents;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RowDiff")
class RowDiffTest {

  @Test
  @DisplayName("an update lists only the changed columns, in table order")
  void updateChangedOnly() {
    Row before = Row.builder().put("id", 1).put("name", "alice").put("email", "a@x.io").put("age", 30).build();
    Row after = Row.builder().put("id", 1).put("name", "bob").put("email", "a@x.io").put("age", 31).build();
    assertThat(RowDiff.between(before, after)).containsExactly(
        new FieldChange("name", Value.of("alice"), Value.of("bob")),
        new FieldChange("age", Value.of(30), Value.of(31)));
  }

  @Test
  @DisplayName("NULL to a value and a value to NULL are changes")
  void nullTransitions() {
    Row before = Row.builder().put("a", Value.NULL).put("b", "x").build();
    Row after = Row.builder().put("a", "y").put("b", Value.NULL).build();
    assertThat(RowDiff.between(before, after)).containsExactly(
        new FieldChange("a", Value.NULL, Value.of("y")),
        new FieldChange("b", Value.of("x"), Value.NULL));
  }

  @Test
  @DisplayName("an insert lists its non-NULL columns against an empty row")
  void insert() {
    Row after = Row.builder().put("id", 1).put("note", Value.NULL).put("name", "alice").build();
    assertThat(RowDiff.of(TestEvents.insert(after))).containsExactly(
        new FieldChange("id", Value.NULL, Value.of(1)),
        new FieldChange("name", Value.NULL, Value.of("alice")));
  }

  @Test
  @DisplayName("a delete lists the non-NULL columns it removed")
  void delete() {
    Row before = Row.builder().put("id", 1).put("note", Value.NULL).put("name", "alice").build();
    assertThat(RowDiff.of(TestEvents.delete(before))).containsExactly(
        new FieldChange("id", Value.of(1), Value.NULL),
        new FieldChange("name", Value.of("alice"), Value.NULL));
  }

  @Test
  @DisplayName("columns only in the before image come last, as removed; NULL ones are left out")
  void columnsOnlyInBefore() {
    Row before = Row.builder().put("gone", "x").put("id", 1).put("alsoGone", Value.NULL).build();
    Row after = Row.builder().put("id", 1).put("added", "y").build();
    assertThat(RowDiff.between(before, after)).containsExactly(
        new FieldChange("added", Value.NULL, Value.of("y")),
        new FieldChange("gone", Value.of("x"), Value.NULL));
  }

  @Test
  @DisplayName("a different decimal scale counts as a change")
  void decimalScale() {
    Row before = Row.builder().put("price", Value.of(new BigDecimal("250.0"))).build();
    Row after = Row.builder().put("price", Value.of(new BigDecimal("250.00"))).build();
    assertThat(RowDiff.between(before, after)).hasSize(1);
  }

  @Test
  @DisplayName("a change of kind with the same text (1 to \"1\") counts as a change")
  void kindChange() {
    assertThat(RowDiff.between(Row.builder().put("a", 1).build(), Row.builder().put("a", "1").build())).hasSize(1);
  }

  @Test
  @DisplayName("equal rows, and equal bytes, give no change")
  void noChange() {
    Row a = Row.builder().put("id", 1).put("bin", Value.ofBytes(new byte[] {1, 2})).build();
    Row b = Row.builder().put("id", 1).put("bin", Value.ofBytes(new byte[] {1, 2})).build();
    assertThat(RowDiff.between(a, b)).isEmpty();
  }

  @Test
  @DisplayName("truncates and schema changes have no diff")
  void nonRowChanges() {
    ChangeEvent truncate = TestEvents.base(Operation.TRUNCATE, "t").build();
    ChangeEvent ddl = TestEvents.base(Operation.SCHEMA_CHANGE, "s").statement("ALTER TABLE users ADD x INT").build();
    assertThat(RowDiff.of(truncate)).isEmpty();
    assertThat(RowDiff.of(ddl)).isEmpty();
  }

  @Test
  @DisplayName("the diff is unmodifiable")
  void unmodifiable() {
    var diff = RowDiff.between(Row.EMPTY, Row.builder().put("a", 1).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> diff.add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
