package io.cdcaudit.store;

/** The order of query results, by {@link io.cdcaudit.record.AuditRecord#sortKey()}. */
public enum SortOrder {
  OLDEST_FIRST,
  NEWEST_FIRST
}
