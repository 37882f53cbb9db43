package io.cdcaudit.event;

import java.util.Objects;

/**
 * One column's change: its value before and after. An insert's changes have {@link Value#NULL}
 * before, a delete's have {@link Value#NULL} after.
 */
public record FieldChange(String column, Value before, Value after) {

  public FieldChange {
    Row.requireColumn(column);
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
