package io.cdcaudit.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Computes the field-level diff of two row images. */
public final class RowDiff {

  private RowDiff() {}

  /**
   * The columns whose value differs between {@code before} and {@code after}, in table order (the
   * after image's order, then columns only the before image has). A column missing from one side
   * counts as NULL there, so an insert diffs against an empty row and lists its non-NULL columns,
   * and a delete lists the non-NULL columns it removed.
   *
   * @param before the row before the change
   * @param after the row after the change
   * @return the changed columns, unmodifiable
   */
  public static List<FieldChange> between(Row before, Row after) {
    List<FieldChange> changes = new ArrayList<>();
    for (Map.Entry<String, Value> column : after.asMap().entrySet()) {
      Value old = before.get(column.getKey());
      Value now = column.getValue();
      if (old == null) {
        old = Value.NULL;
      }
      if (!old.equals(now)) {
        changes.add(new FieldChange(column.getKey(), old, now));
      }
    }
    for (Map.Entry<String, Value> column : before.asMap().entrySet()) {
      if (!after.has(column.getKey()) && !column.getValue().isNull()) {
        changes.add(new FieldChange(column.getKey(), column.getValue(), Value.NULL));
      }
    }
    return List.copyOf(changes);
  }

  /**
   * The diff of an event: before against after; empty for truncates and schema changes.
   *
   * @param event the change
   * @return the changed columns, unmodifiable
   */
  public static List<FieldChange> of(ChangeEvent event) {
    if (!event.operation().isRowChange()) {
      return List.of();
    }
    return between(event.before(), event.after());
  }
}
