package io.cdcaudit.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of query results.
 *
 * @param items the results, in the requested order
 * @param nextCursor where the next page starts, or {@code null} when this is the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  public boolean hasNext() {
    return nextCursor != null;
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
