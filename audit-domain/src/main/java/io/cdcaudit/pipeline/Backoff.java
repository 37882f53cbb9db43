package io.cdcaudit.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, for retrying a failing store, dead-letter sink or source: the
 * n-th retry waits {@code initial * multiplier^(n-1)}, capped at {@code max}, then reduced by a
 * random fraction up to {@code jitter} so that many instances do not retry in step.
 *
 * @param initial the first delay
 * @param max the longest delay
 * @param multiplier how much each delay grows, at least 1
 * @param jitter the random fraction taken off each delay, 0 to 1
 * @param maxAttempts how many attempts before giving up (the pipeline then fails without
 *     acknowledging); 0 means never give up
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, int maxAttempts) {

  /**
   * Checks the settings, so that a backoff cannot spin without waiting or wait less each time.
   *
   * @param initial the first delay, positive
   * @param max the longest delay, at least {@code initial}
   * @param multiplier how much each delay grows, at least 1
   * @param jitter the random fraction taken off each delay, 0 to 1
   * @param maxAttempts how many attempts before giving up, 0 for never
   * @throws NullPointerException when {@code initial} or {@code max} is {@code null}
   * @throws IllegalArgumentException when {@code initial} is not positive, {@code max} is less
   *     than {@code initial}, {@code multiplier} is less than 1, {@code jitter} is not between 0
   *     and 1, or {@code maxAttempts} is negative
   */
  public Backoff {
    Objects.requireNonNull(initial, "Backoff.initial");
    Objects.requireNonNull(max, "Backoff.max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("Backoff.initial must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("Backoff.max (" + max + ") must not be less than Backoff.initial (" + initial + ")");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("Backoff.multiplier must be at least 1, got " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("Backoff.jitter must be between 0 and 1, got " + jitter);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("Backoff.maxAttempts must be 0 (never give up) or more, got " + maxAttempts);
    }
  }

  /**
   * 100 ms doubling up to 30 s, 50% jitter, never giving up: a durable trail waits for its store.
   *
   * @return the pipeline's default backoff
   */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 0.5, 0);
  }

  /**
   * This backoff giving up after {@code attempts} attempts, for a deployment that would rather
   * fail (and be restarted or alerted on) than wait for ever.
   *
   * @param attempts how many attempts in all, the first included; 0 never gives up
   * @return a copy with that limit and the same delays
   * @throws IllegalArgumentException when {@code attempts} is negative
   */
  public Backoff withMaxAttempts(int attempts) {
    return new Backoff(initial, max, multiplier, jitter, attempts);
  }

  /**
   * The delay before retry number {@code retry} (1 for the first retry); random within the jitter,
   * so two calls may differ.
   *
   * @param retry the retry about to be made, from 1
   * @return the time to wait, at least 1 ms
   */
  public Duration delayBefore(int retry) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    millis = Math.min(millis, max.toMillis());
    millis -= millis * jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(millis)));
  }

  /**
   * Whether another attempt may follow attempt number {@code attempt}.
   *
   * @param attempt the attempt that just failed, from 1
   * @return true when the backoff never gives up or {@code attempt} is below {@code maxAttempts}
   */
  public boolean allowsAnotherAfter(int attempt) {
    return maxAttempts == 0 || attempt < maxAttempts;
  }
}
