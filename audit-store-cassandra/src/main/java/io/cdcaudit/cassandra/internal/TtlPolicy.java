package io.cdcaudit.cassandra.internal;

import io.cdcaudit.record.Retention;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Maps a record's retention to a Cassandra TTL ({@code USING TTL}; 0 means none).
 *
 * <ul>
 *   <li>legal hold or no deadline: no TTL;</li>
 *   <li>a deadline in the future: the seconds until it, rounded up (Cassandra never removes a record before its
 *       deadline);</li>
 *   <li>a deadline that has passed already (a backlog replayed late): {@code expiredGrace}, so that the record is
 *       stored and acknowledged like any other and then goes soon (a purge removes it at once);</li>
 *   <li>a deadline beyond what Cassandra can express (a TTL of more than 20 years, or an expiry after
 *       {@code latestExpiry}, by default 2038-01-19T03:14:06Z, the limit of Cassandra 4 and of 5.0 in its default
 *       storage compatibility mode): no TTL. A TTL capped to the limit would delete the record before its deadline;
 *       instead the purge removes it at its deadline (it is in the expiry index like every record with a
 *       deadline).</li>
 * </ul>
 */
public final class TtlPolicy {

  /** Cassandra's largest TTL: 20 years. */
  public static final int MAX_TTL_SECONDS = 630_720_000;

  /** The latest expiry Cassandra 4.x, and 5.0 with {@code storage_compatibility_mode: CASSANDRA_4}, accept. */
  public static final Instant LEGACY_LATEST_EXPIRY = Instant.parse("2038-01-19T03:14:06Z");

  private final int expiredGraceSeconds;
  private final Instant latestExpiry;

  public TtlPolicy(Duration expiredGrace, Instant latestExpiry) {
    this.expiredGraceSeconds = (int) Math.min(MAX_TTL_SECONDS, Math.max(1, expiredGrace.toSeconds()));
    this.latestExpiry = latestExpiry;
  }

  /** The TTL in seconds for a record kept under {@code retention}, written at {@code now}; 0 for none. */
  public int ttlSeconds(Retention retention, Instant now) {
    if (retention.legalHold() || retention.expiresAt() == null) {
      return 0;
    }
    Instant deadline = retention.expiresAt();
    if (!deadline.isAfter(now)) {
      return expiredGraceSeconds;
    }
    Duration left = Duration.between(now, deadline);
    long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    return fits(seconds, now) ? (int) seconds : 0;
  }

  /**
   * The TTL of an index entry that must live until the end of the UTC day {@code keepUntilDay} (the day a
   * record's TTL ends), or 0 when that is beyond the limits.
   */
  public int ttlUntilEndOfDay(Instant removedAt, Instant now) {
    Instant endOfDay = removedAt.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    long seconds = Math.max(1, Duration.between(now, endOfDay).toSeconds());
    return fits(seconds, now) ? (int) seconds : 0;
  }

  private boolean fits(long seconds, Instant now) {
    return seconds <= MAX_TTL_SECONDS && !now.plusSeconds(seconds).isAfter(latestExpiry);
  }
}
