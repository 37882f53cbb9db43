package io.cdcaudit.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock tests move by hand. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;
  private final ZoneId zone;

  private MutableClock(Instant now, ZoneId zone) {
    this.now = Objects.requireNonNull(now, "now");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * A clock in UTC showing {@code now}.
   *
   * @param now the time it shows
   * @return the clock
   */
  public static MutableClock at(Instant now) {
    return new MutableClock(now, ZoneOffset.UTC);
  }

  /**
   * A clock in UTC showing 2026-01-01T00:00:00Z.
   *
   * @return the clock
   */
  public static MutableClock startingAt2026() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * Sets the time the clock shows, forward or back.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    this.now = Objects.requireNonNull(instant, "instant");
  }

  /**
   * Moves the clock on by {@code by} (a negative duration moves it back).
   *
   * @param by how far
   */
  public synchronized void advance(Duration by) {
    this.now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }
}
