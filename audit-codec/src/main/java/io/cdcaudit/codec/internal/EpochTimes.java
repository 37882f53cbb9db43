package io.cdcaudit.codec.internal;

import io.cdcaudit.decode.DecodeException;
import java.time.Instant;

/**
 * Turns producers' epoch numbers into instants, refusing values outside 1970 to 9999 so that a
 * corrupt number gives a {@link DecodeException} rather than a {@link java.time.DateTimeException}
 * (and audit records, which sort by commit time, never see a time before 1970). Internal: not part
 * of the public API.
 */
public final class EpochTimes {

  private static final long MAX_SECONDS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private EpochTimes() {}

  /** An instant from seconds since the epoch (Maxwell row events). */
  public static Instant seconds(long value, String path, JsonFields fields) throws DecodeException {
    check(value, MAX_SECONDS, path, fields, "seconds");
    return Instant.ofEpochSecond(value);
  }

  /** An instant from milliseconds since the epoch (Maxwell DDL, Debezium {@code ts_ms}). */
  public static Instant millis(long value, String path, JsonFields fields) throws DecodeException {
    check(value, MAX_SECONDS * 1_000L, path, fields, "milliseconds");
    return Instant.ofEpochMilli(value);
  }

  /** An instant from microseconds since the epoch (Debezium {@code ts_us}). */
  public static Instant micros(long value, String path, JsonFields fields) throws DecodeException {
    check(value, MAX_SECONDS * 1_000_000L, path, fields, "microseconds");
    return Instant.ofEpochSecond(value / 1_000_000L, (value % 1_000_000L) * 1_000L);
  }

  private static void check(long value, long max, String path, JsonFields fields, String unit) throws DecodeException {
    if (value < 0 || value > max) {
      throw fields.error(path, "is not a time in " + unit + " since 1970 before the year 10000: " + value);
    }
  }
}
