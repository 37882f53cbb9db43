package io.cdcaudit.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Whether the pipeline was asked to stop (or failed), and a sleep that such a request cuts short. */
final class StopSignal {

  // How often a sleeping retry looks whether it should stop: a stop is noticed this soon.
  private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private volatile boolean requested;

  void request() {
    requested = true;
  }

  boolean isRequested() {
    return requested;
  }

  /**
   * Sleeps for {@code delay} unless a stop is requested.
   *
   * @return true when it slept the whole delay; false when woken early by a stop or an interrupt
   *     (the interrupt flag is then set again)
   */
  boolean sleepUnlessStopping(Duration delay) {
    long end = System.nanoTime() + delay.toNanos();
    while (!requested) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, CHECK_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
