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

  public Retention {
    if (expiresAt != null) {
      expiresAt = expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
    if (legalHold && expiresAt != null) {
      throw new IllegalArgumentException("a record under legal hold has no expiry");
    }
  }

  /** Keep the record; no deadline. */
  public static Retention forever() {
    return FOREVER;
  }

  /** Keep the record until {@code deadline}. */
  public static Retention until(Instant deadline) {
    return new Retention(java.util.Objects.requireNonNull(deadline, "deadline"), false);
  }

  /** Keep the record under legal hold. */
  public static Retention legalHoldInPlace() {
    return HELD;
  }

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /** Whether a purge at {@code now} may remove the record. */
  public boolean isExpiredAt(Instant now) {
    return !legalHold && expiresAt != null && !expiresAt.isAfter(now);
  }
}
