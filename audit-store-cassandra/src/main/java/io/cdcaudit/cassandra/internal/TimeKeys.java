package io.cdcaudit.cassandra.internal;

import io.cdcaudit.cassandra.TimeBucket;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Text keys of time: bucket ids and day ids (UTC), which sort as text in time order, and sort-key prefixes. */
public final class TimeKeys {

  /** The length of the commit-time prefix of a sort key: microseconds since the epoch, zero-padded. */
  public static final int PREFIX_DIGITS = 17;

  private TimeKeys() {
  }

  /** {@code 2026-03-01T08} (HOUR), {@code 2026-03-01} (DAY), {@code 2026-03} (MONTH). */
  public static String bucket(TimeBucket bucket, Instant t) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder s = new StringBuilder(13);
    pad(s, utc.getYear(), 4).append('-');
    pad(s, utc.getMonthValue(), 2);
    if (bucket == TimeBucket.MONTH) {
      return s.toString();
    }
    pad(s.append('-'), utc.getDayOfMonth(), 2);
    if (bucket == TimeBucket.DAY) {
      return s.toString();
    }
    return pad(s.append('T'), utc.getHour(), 2).toString();
  }

  /** {@code 2026-03-01}: the UTC day of {@code t}. */
  public static String day(Instant t) {
    return bucket(TimeBucket.DAY, t);
  }

  /** The instant of a sort key's (or a sort-key prefix's) commit time. */
  public static Instant instantOf(String sortKeyOrPrefix) {
    long micros = Long.parseLong(sortKeyOrPrefix.substring(0, PREFIX_DIGITS));
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /**
   * Microseconds since the epoch, saturating at {@code Long.MIN_VALUE}/{@code MAX_VALUE} (about 292,000 years away;
   * {@code ChronoUnit.MICROS.between} overflows after 2262 already).
   */
  public static long micros(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }
}
