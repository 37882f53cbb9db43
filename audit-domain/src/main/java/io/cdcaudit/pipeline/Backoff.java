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

  /** 100 ms doubling up to 30 s, 50% jitter, never giving up: a durable trail waits for its store. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 0.5, 0);
  }

  /** This backoff giving up after {@code attempts} attempts. */
  public Backoff withMaxAttempts(int attempts) {
    return new Backoff(initial, max, multiplier, jitter, attempts);
  }

  /** The delay before retry number {@code retry} (1 for the first retry). */
  public Duration delayBefore(int retry) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    millis = Math.min(millis, max.toMillis());
    millis -= millis * jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(millis)));
  }

  /** Whether another attempt may follow attempt number {@code attempt}. */
  public boolean allowsAnotherAfter(int attempt) {
    return maxAttempts == 0 || attempt < maxAttempts;
  }
}
