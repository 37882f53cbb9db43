package io.cdcaudit.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A range of commit times, {@code from} inclusive and {@code until} exclusive; either end may be
 * open ({@code null}).
 *
 * @param from the first time included, or {@code null} for no lower bound
 * @param until the first time no longer included, or {@code null} for no upper bound
 */
public record TimeRange(Instant from, Instant until) {

  private static final TimeRange ALL = new TimeRange(null, null);

  /**
   * Rejects a range that ends before it starts.
   *
   * @param from the first time included, or {@code null} for no lower bound
   * @param until the first time no longer included, or {@code null} for no upper bound
   */
  public TimeRange {
    if (from != null && until != null && until.isBefore(from)) {
      throw new IllegalArgumentException("a time range ends before it starts: from " + from + " until " + until);
    }
  }

  /**
   * All times.
   *
   * @return the range open at both ends
   */
  public static TimeRange all() {
    return ALL;
  }

  /**
   * Times at or after {@code from} and before {@code until}.
   *
   * @param from the first time included, or {@code null}
   * @param until the first time excluded, or {@code null}
   * @return the range
   */
  public static TimeRange between(Instant from, Instant until) {
    return new TimeRange(from, until);
  }

  /**
   * Times at or after {@code from}.
   *
   * @param from the first time included
   * @return the range
   */
  public static TimeRange since(Instant from) {
    return new TimeRange(from, null);
  }

  /**
   * Times before {@code until}.
   *
   * @param until the first time excluded
   * @return the range
   */
  public static TimeRange before(Instant until) {
    return new TimeRange(null, until);
  }

  /**
   * The lower bound.
   *
   * @return {@code from}, or empty when open
   */
  public Optional<Instant> start() {
    return Optional.ofNullable(from);
  }

  /**
   * The upper bound.
   *
   * @return {@code until}, or empty when open
   */
  public Optional<Instant> end() {
    return Optional.ofNullable(until);
  }

  /**
   * Whether {@code t} lies in the range.
   *
   * @param t a commit time
   * @return {@code true} when {@code from <= t < until}
   */
  public boolean contains(Instant t) {
    return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
  }
}
