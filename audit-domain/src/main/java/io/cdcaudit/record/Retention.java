package io.cdcaudit.record;

import java.time.Instant;
import java.util.Optional;

/**
 * How long an audit record is kept.
 *
 * @param expiresAt when the record may be purged, or {@code null} to keep it until a policy says
 *     otherwise
 * @param legalHold whether a legal hold protects the record: a purge never removes it, whatever
 *     its deadline
 */
public record Retention(Instant expiresAt, boolean legalHold) {

  private static final Retention FOREVER = new Retention(null, false);
  private static final Retention HELD = new Retention(null, true);

  /**
   * Truncates the deadline to microseconds; a record under legal hold has none.
   *
   * @param expiresAt when the record may be purged, or {@code null} to keep it until a policy says
   *     otherwise
   * @param legalHold whether a legal hold protects the record: a purge never removes it, whatever
   *     its deadline
   */
  public Retention {
    if (expiresAt != null) {
      expiresAt = expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
    if (legalHold && expiresAt != null) {
      throw new IllegalArgumentException("a record under legal hold has no expiry");
    }
  }

  /**
   * Keep the record; no deadline.
   *
   * @return the retention without deadline or hold
   */
  public static Retention forever() {
    return FOREVER;
  }

  /**
   * Keep the record until {@code deadline}, after which a purge may remove it.
   *
   * @param deadline when the record may be purged
   * @return the retention
   */
  public static Retention until(Instant deadline) {
    return new Retention(java.util.Objects.requireNonNull(deadline, "deadline"), false);
  }

  /**
   * Keep the record under legal hold: no purge removes it until the hold is released.
   *
   * @return the retention with a hold and no deadline
   */
  public static Retention legalHoldInPlace() {
    return HELD;
  }

  /**
   * The deadline, if the record has one.
   *
   * @return when the record may be purged, or empty
   */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Whether a purge at {@code now} may remove the record.
   *
   * @param now the time of the purge
   * @return {@code true} when not held and the deadline is at or before {@code now}
   */
  public boolean isExpiredAt(Instant now) {
    return !legalHold && expiresAt != null && !expiresAt.isAfter(now);
  }
}
