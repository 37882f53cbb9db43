package io.cdcaudit.store;

import io.cdcaudit.record.AuditRecord;
import java.util.Set;

/**
 * The read side of a store that supports queries. Results are ordered by
 * {@link AuditRecord#sortKey()}; a page's cursor is the sort key of its last record, so paging is
 * stable while records are appended.
 *
 * <p>{@link io.cdcaudit.trail.AuditTrail} builds the user-facing queries (a row's state at a time,
 * and so on) on this one method.
 *
 * <p>A store serves the {@linkplain AuditQuery.Kind kinds} of query it declares in
 * {@link #supportedQueries()} and refuses the others with an {@link UnsupportedQueryException}:
 * a store that answers some questions well is not made to fake the rest. Stores build on
 * {@code io.cdcaudit.store.support} for the rules every store shares (sort-key bounds, paging,
 * index keys). The contract kit checks each declared kind with its own tier.
 */
public interface AuditQueries {

  /**
   * The records matching {@code query}, one page at a time.
   *
   * @param query what to find, with its commit-time range
   * @param page the size, order and cursor of the page
   * @return the page, with the cursor of the next one
   * @throws IllegalArgumentException when the cursor was not made by this store
   * @throws UnsupportedQueryException when the store does not serve this kind of query
   */
  Page<AuditRecord> find(AuditQuery query, PageRequest page);

  /**
   * The kinds of query this store answers; {@link #find} refuses every other kind.
   *
   * @return the kinds, never empty
   */
  Set<AuditQuery.Kind> supportedQueries();
}
