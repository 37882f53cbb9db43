package io.cdcaudit.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A range of commit times, {@code from} inclusive and {@code until} exclusive; either end may be
 * open ({@code null}).
 */
public record TimeRange(Instant from, Instant until) {

  private static final TimeRange ALL = new TimeRange(null, null);

  public TimeRange {
    if (from != null && until != null && until.isBefore(from)) {
      throw new IllegalArgumentException("a time range ends before it starts: from " + from + " until " + until);
    }
  }

  /** All times. */
  public static TimeRange all() {
    return ALL;
  }

  public static TimeRange between(Instant from, Instant until) {
    return new TimeRange(from, until);
  }

  /** Times at or after {@code from}. */
  public static TimeRange since(Instant from) {
    return new TimeRange(from, null);
  }

  /** Times before {@code until}. */
  public static TimeRange before(Instant until) {
    return new TimeRange(null, until);
  }

  public Optional<Instant> start() {
    return Optional.ofNullable(from);
  }

  public Optional<Instant> end() {
    return Optional.ofNullable(until);
  }

  public boolean contains(Instant t) {
    return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
  }
}
