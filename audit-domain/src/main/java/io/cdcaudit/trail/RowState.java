package io.cdcaudit.trail;

import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.AuditRecord;
import java.util.Objects;

/**
 * A row as the audit trail knows it at a point in time, and the change that made it so.
 *
 * @param row the row's columns (after column policies), empty when the row did not exist
 * @param lastChange the latest change at or before that time
 * @param exists whether the row existed under the key asked for: false after a delete, and after
 *     an update that moved the row to another primary key
 */
public record RowState(Row row, AuditRecord lastChange, boolean exists) {

  /**
   * Rejects a row that does not exist but has columns.
   *
   * @param row the row's columns (after column policies), empty when the row did not exist
   * @param lastChange the latest change at or before that time
   * @param exists whether the row existed under the key asked for: false after a delete, and after
   *     an update that moved the row to another primary key
   */
  public RowState {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(lastChange, "lastChange");
    if (!exists && !row.isEmpty()) {
      throw new IllegalArgumentException("a row that does not exist has no columns");
    }
  }

  /**
   * The state a change leaves its own row in: gone after a delete, its after image otherwise.
   *
   * @param row the row's columns after the change
   * @param lastChange the change
   */
  public RowState(Row row, AuditRecord lastChange) {
    this(row, lastChange, lastChange.event().operation() != Operation.DELETE);
  }
}
