package io.cdcaudit.event;

import java.util.Objects;

/**
 * One column's change: its value before and after. An insert's changes have {@link Value#NULL}
 * before, a delete's have {@link Value#NULL} after.
 *
 * @param column the column's name
 * @param before the value before the change, {@link Value#NULL} when there was none
 * @param after the value after the change, {@link Value#NULL} when there is none
 */
public record FieldChange(String column, Value before, Value after) {

  /**
   * Checks the column name and that neither value is {@code null} (absent is {@link Value#NULL}).
   *
   * @param column the column's name
   * @param before the value before the change, {@link Value#NULL} when there was none
   * @param after the value after the change, {@link Value#NULL} when there is none
   */
  public FieldChange {
    Row.requireColumn(column);
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
