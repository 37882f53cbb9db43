package io.cdcaudit.store;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which page of a query's results to return.
 *
 * @param size the most records to return, 1 to {@value #MAX_SIZE}
 * @param order oldest or newest first
 * @param after the cursor of the previous page ({@link Page#nextCursor()}), or {@code null} for
 *     the first page
 *
 * <p>A cursor is the sort key of the previous page's last record, optionally followed by {@code #}
 * and a store's own continuation token (base64url), for stores whose native paging serves them
 * better (see {@code io.cdcaudit.store.support.Pages#cursor}). The sort key is what counts: a store
 * may always ignore the token and continue after the sort key.
 */
public record PageRequest(int size, SortOrder order, String after) {

  private static final Pattern CURSOR = Pattern.compile("\\d{17}\\|[^|]*\\|[A-Za-z0-9._:-]{1,128}(#[A-Za-z0-9_-]{1,8192})?");

  /** The largest page a store must serve. */
  public static final int MAX_SIZE = 10_000;

  /**
   * Checks the size and that a cursor has the form this library's stores make.
   *
   * @param size the most records to return, 1 to {@value #MAX_SIZE}
   * @param order oldest or newest first
   * @param after the cursor of the previous page ({@link Page#nextCursor()}), or {@code null} for
   *     the first page
   */
  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page size must be 1 to " + MAX_SIZE + ", got " + size);
    }
    Objects.requireNonNull(order, "order");
    if (after != null && !CURSOR.matcher(after).matches()) {
      throw new IllegalArgumentException("not a cursor of this library: '" + after + "'");
    }
  }

  /**
   * The first page, oldest record first.
   *
   * @param size the most records to return, 1 to {@value #MAX_SIZE}
   * @return the request
   */
  public static PageRequest oldestFirst(int size) {
    return new PageRequest(size, SortOrder.OLDEST_FIRST, null);
  }

  /**
   * The first page, newest record first.
   *
   * @param size the most records to return, 1 to {@value #MAX_SIZE}
   * @return the request
   */
  public static PageRequest newestFirst(int size) {
    return new PageRequest(size, SortOrder.NEWEST_FIRST, null);
  }

  /**
   * The next page after the one that returned {@code cursor}, of the same size and order.
   *
   * @param cursor the previous page's {@link Page#nextCursor()}
   * @return the request
   */
  public PageRequest next(String cursor) {
    return new PageRequest(size, order, Objects.requireNonNull(cursor, "cursor"));
  }

  /**
   * The cursor this page starts after.
   *
   * @return the cursor, or empty for the first page
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(after);
  }

  /**
   * The sort key this page starts after: the cursor without a store's continuation token.
   *
   * @return the sort key, or empty for the first page
   */
  public Optional<String> afterSortKey() {
    if (after == null) {
      return Optional.empty();
    }
    int token = tokenStart(after);
    return Optional.of(token < 0 ? after : after.substring(0, token));
  }

  /**
   * The store's own continuation token that came with the cursor, if its store put one there.
   *
   * @return the token, or empty
   */
  public Optional<String> nativeToken() {
    if (after == null) {
      return Optional.empty();
    }
    int token = tokenStart(after);
    return token < 0 ? Optional.empty() : Optional.of(after.substring(token + 1));
  }

  /** The {@code #} after the id part (ids and tokens hold no {@code |}, ids no {@code #}), or -1. */
  private static int tokenStart(String cursor) {
    return cursor.indexOf('#', cursor.lastIndexOf('|'));
  }
}
