package io.cdcaudit.store.support;

import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Fetch-one-extra paging: a store reads {@link #fetchSize(PageRequest)} items (one more than the
 * page) in sort-key order, and {@link #of} keeps the page and knows from the extra item whether
 * another page follows. The next cursor is the sort key of the page's last item, so paging is
 * stable while records are appended.
 */
public final class Pages {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,8192}");

  private Pages() {}

  /**
   * How many items to read for one page: one more than it holds.
   *
   * @param page the page
   * @return the page size plus one
   */
  public static int fetchSize(PageRequest page) {
    return page.size() + 1;
  }

  /**
   * The page of {@code fetched}, read in the page's order, with the cursor of the next page when
   * more was read than the page holds.
   *
   * @param <S> what the store read (a document, a row)
   * @param <T> what the page holds
   * @param fetched up to {@link #fetchSize(PageRequest)} items, in the page's order
   * @param page the page
   * @param sortKey the sort key of a read item
   * @param decode the item the page holds for a read one; called only for items on the page
   * @return the page
   */
  public static <S, T> Page<T> of(List<S> fetched, PageRequest page, Function<S, String> sortKey,
      Function<S, T> decode) {
    int size = Math.min(fetched.size(), page.size());
    List<T> items = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      items.add(decode.apply(fetched.get(i)));
    }
    String next = fetched.size() > page.size() ? sortKey.apply(fetched.get(size - 1)) : null;
    return new Page<>(items, next);
  }

  /**
   * A cursor that carries a store's own continuation token beside the sort key, for a store whose
   * native paging (an S3 continuation token, a Cassandra paging state) serves it better. The store
   * reads it back with {@link PageRequest#nativeToken()}; the sort key
   * ({@link PageRequest#afterSortKey()}) stays what counts.
   *
   * @param sortKey the sort key of the page's last record
   * @param token the store's token, base64url without padding
   * @return the cursor
   * @throws IllegalArgumentException when the token is not base64url text of 1 to 8192 characters
   */
  public static String cursor(String sortKey, String token) {
    Objects.requireNonNull(sortKey, "sortKey");
    if (!TOKEN.matcher(Objects.requireNonNull(token, "token")).matches()) {
      throw new IllegalArgumentException("a continuation token must be 1 to 8192 characters of base64url, got '"
          + token + "'");
    }
    return sortKey + '#' + token;
  }
}
