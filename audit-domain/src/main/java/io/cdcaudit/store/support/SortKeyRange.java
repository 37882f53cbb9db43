package io.cdcaudit.store.support;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import java.util.Objects;
import java.util.Optional;

/**
 * The sort keys one page may hold: the query's commit-time range and the cursor as one range over
 * {@link AuditRecord#sortKey()}, the one rule every store shares.
 *
 * <ul>
 *   <li>The range's start is an <em>inclusive</em> lower bound ({@link AuditRecord#timePrefix}),
 *       its end an <em>exclusive</em> upper bound.
 *   <li>A cursor is the sort key of the previous page's last record and is <em>exclusive</em>: the
 *       lower bound when oldest first, the upper bound when newest first, whichever is tighter.
 * </ul>
 *
 * <p>Stores whose query language has only one kind of comparison may use the exclusive view
 * ({@link #exclusiveLow()}, {@link #exclusiveHigh()}): it is exact because no sort key equals a
 * time prefix (a sort key always goes on after the prefix's digits), so {@code > prefix(from)}
 * holds exactly the records committed at or after {@code from}.
 */
public final class SortKeyRange {

  /** Above every sort key (they start with digits) and every time prefix. */
  public static final String ABOVE_EVERY_KEY = "~";

  /**
   * One end of the range.
   *
   * @param key the sort key or time prefix
   * @param inclusive whether a sort key equal to {@code key} is in the range
   */
  public record Bound(String key, boolean inclusive) {
    /**
     * Checks the key is there.
     *
     * @param key the sort key or time prefix
     * @param inclusive whether a sort key equal to {@code key} is in the range
     */
    public Bound {
      Objects.requireNonNull(key, "key");
    }
  }

  private final Bound lower;
  private final Bound upper;

  private SortKeyRange(Bound lower, Bound upper) {
    this.lower = lower;
    this.upper = upper;
  }

  /**
   * The range of one page of a query.
   *
   * @param range the query's commit-time range
   * @param page the page, whose cursor (if any) narrows the range
   * @return the range
   */
  public static SortKeyRange of(TimeRange range, PageRequest page) {
    Bound lower = range.start().map(t -> new Bound(AuditRecord.timePrefix(t), true)).orElse(null);
    Bound upper = range.end().map(t -> new Bound(AuditRecord.timePrefix(t), false)).orElse(null);
    Optional<String> after = page.afterSortKey();
    if (after.isPresent()) {
      String cursor = after.get();
      if (page.order() == SortOrder.OLDEST_FIRST) {
        if (lower == null || cursor.compareTo(lower.key()) >= 0) {
          lower = new Bound(cursor, false);
        }
      } else if (upper == null || cursor.compareTo(upper.key()) <= 0) {
        upper = new Bound(cursor, false);
      }
    }
    return new SortKeyRange(lower, upper);
  }

  /**
   * The lower end.
   *
   * @return the bound, or empty when the range is open below
   */
  public Optional<Bound> lower() {
    return Optional.ofNullable(lower);
  }

  /**
   * The upper end.
   *
   * @return the bound, or empty when the range is open above
   */
  public Optional<Bound> upper() {
    return Optional.ofNullable(upper);
  }

  /**
   * The lower end as an exclusive bound: {@code ""} when open (every sort key is above it).
   *
   * @return the key every sort key of the range is greater than
   */
  public String exclusiveLow() {
    return lower == null ? "" : lower.key();
  }

  /**
   * The upper end as an exclusive bound: {@link #ABOVE_EVERY_KEY} when open.
   *
   * @return the key every sort key of the range is less than
   */
  public String exclusiveHigh() {
    return upper == null ? ABOVE_EVERY_KEY : upper.key();
  }

  /**
   * Whether no sort key can be in the range, so a store need not ask its storage at all.
   *
   * @return true when the range is empty
   */
  public boolean isEmpty() {
    if (lower == null || upper == null) {
      return false;
    }
    int c = lower.key().compareTo(upper.key());
    return c > 0 || c == 0 && !(lower.inclusive() && upper.inclusive());
  }

  /**
   * Whether a record with this sort key belongs to the range.
   *
   * @param sortKey a record's {@link AuditRecord#sortKey()}
   * @return true when it is within both bounds
   */
  public boolean contains(String sortKey) {
    if (lower != null) {
      int c = sortKey.compareTo(lower.key());
      if (c < 0 || c == 0 && !lower.inclusive()) {
        return false;
      }
    }
    if (upper != null) {
      int c = sortKey.compareTo(upper.key());
      return c < 0 || c == 0 && upper.inclusive();
    }
    return true;
  }

  @Override
  public String toString() {
    return (lower == null ? "(-inf" : (lower.inclusive() ? "[" : "(") + lower.key()) + ", "
        + (upper == null ? "+inf)" : upper.key() + (upper.inclusive() ? "]" : ")"));
  }
}
