package io.cdcaudit.store;

import io.cdcaudit.record.AuditRecord;

/**
 * The read side of a store that supports queries. Results are ordered by
 * {@link AuditRecord#sortKey()}; a page's cursor is the sort key of its last record, so paging is
 * stable while records are appended.
 *
 * <p>{@link io.cdcaudit.trail.AuditTrail} builds the user-facing queries (a row's state at a time,
 * and so on) on this one method.
 */
public interface AuditQueries {

  /**
   * The records matching {@code query}, one page at a time.
   *
   * @param query what to find, with its commit-time range
   * @param page the size, order and cursor of the page
   * @return the page, with the cursor of the next one
   * @throws IllegalArgumentException when the cursor was not made by this store
   */
  Page<AuditRecord> find(AuditQuery query, PageRequest page);
}
