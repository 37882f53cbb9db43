package io.cdcaudit.codec.internal;

import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.event.ChangeEvent;
import java.time.Instant;

/**
 * Turns producers' epoch numbers into instants, refusing values from 1970 to
 * {@link ChangeEvent#LATEST_COMMIT_TIME} (beyond it a record's sort key overflows), so that a
 * corrupt number gives a {@link DecodeException} naming the field rather than a failure later.
 * Internal: not part of the public API.
 *
 * <p>0 is refused too: producers print it for "no time" (Debezium's snapshots, Maxwell's events
 * without a binlog timestamp), never for a commit at the epoch. Callers that know a fallback check
 * {@link #isUnknown} first.
 */
public final class EpochTimes {

  private static final long MAX_SECONDS = ChangeEvent.LATEST_COMMIT_TIME.getEpochSecond();
  private static final long MAX_MILLIS = ChangeEvent.LATEST_COMMIT_TIME.toEpochMilli();
  private static final long MAX_MICROS = MAX_SECONDS * 1_000_000L + ChangeEvent.LATEST_COMMIT_TIME.getNano() / 1_000;

  private EpochTimes() {}

  /** Whether a producer's time field says "unknown": 0. */
  public static boolean isUnknown(long value) {
    return value == 0;
  }

  /** An instant from seconds since the epoch (Maxwell row events, Debezium {@code ts_sec}). */
  public static Instant seconds(long value, String path, JsonFields fields) throws DecodeException {
    check(value, MAX_SECONDS, path, fields, "seconds");
    return Instant.ofEpochSecond(value);
  }

  /** An instant from milliseconds since the epoch (Maxwell DDL, Debezium {@code ts_ms}). */
  public static Instant millis(long value, String path, JsonFields fields) throws DecodeException {
    check(value, MAX_MILLIS, path, fields, "milliseconds");
    return Instant.ofEpochMilli(value);
  }

  /** An instant from microseconds since the epoch (Debezium {@code ts_us}). */
  public static Instant micros(long value, String path, JsonFields fields) throws DecodeException {
    check(value, MAX_MICROS, path, fields, "microseconds");
    return Instant.ofEpochSecond(value / 1_000_000L, (value % 1_000_000L) * 1_000L);
  }

  private static void check(long value, long max, String path, JsonFields fields, String unit) throws DecodeException {
    if (isUnknown(value)) {
      throw fields.error(path, "is 0, which means the commit time is unknown; an audit record needs one");
    }
    if (value < 0 || value > max) {
      throw fields.error(path, "is not a time in " + unit + " since 1970 up to " + ChangeEvent.LATEST_COMMIT_TIME
          + " (the latest commit time a record can sort by): " + value);
    }
  }
}
