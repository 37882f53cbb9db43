package io.cdcaudit.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of query results.
 *
 * @param items the results, in the requested order
 * @param nextCursor where the next page starts, or {@code null} when this is the last page
 * @param <T> the type of the results
 */
public record Page<T>(List<T> items, String nextCursor) {

  /**
   * Copies the items.
   *
   * @param items the results, in the requested order
   * @param nextCursor where the next page starts, or {@code null} when this is the last page
   */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /**
   * The last page: nothing follows it.
   *
   * @param items the results
   * @param <T> the type of the results
   * @return the page, without a next cursor
   */
  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  /**
   * Whether another page follows.
   *
   * @return {@code true} when there is a next cursor
   */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /**
   * The cursor of the next page, for {@link PageRequest#next(String)}.
   *
   * @return the cursor, or empty on the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
