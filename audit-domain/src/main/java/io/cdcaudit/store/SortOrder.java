package io.cdcaudit.store;

/** The order of query results, by {@link io.cdcaudit.record.AuditRecord#sortKey()}. */
public enum SortOrder {
  /** Oldest commit first: the order a history is read in. */
  OLDEST_FIRST,
  /** Newest commit first: the latest changes, or a row's last state. */
  NEWEST_FIRST
}
