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
 */
public record RowState(Row row, AuditRecord lastChange) {

  public RowState {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(lastChange, "lastChange");
  }

  /** Whether the row existed (its latest change was not a delete). */
  public boolean exists() {
    return lastChange.event().operation() != Operation.DELETE;
  }
}
