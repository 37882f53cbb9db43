/**
 * The change model: a {@link io.cdcaudit.event.ChangeEvent} (one change to one row, or one DDL or
 * truncate statement, normalized from Maxwell or Debezium), its {@link io.cdcaudit.event.EventId}
 * (derived from coordinates, so a redelivered change keeps its id), row images of typed
 * {@link io.cdcaudit.event.Value}s and the field-level diff ({@link io.cdcaudit.event.RowDiff}).
 * Immutable value types, JDK only.
 */
package io.cdcaudit.event;
