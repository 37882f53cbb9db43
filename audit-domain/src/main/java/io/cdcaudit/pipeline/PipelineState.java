package io.cdcaudit.pipeline;

import io.cdcaudit.pipeline.PipelineHealth.State;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline's state: the lifecycle (new, running, stopping, stopped, failed), shown as
 * {@code BACKING_OFF} while it runs and the source or a lane is being retried; a change is logged
 * and told to the listener once, when it is published.
 */
final class PipelineState {

  private final Clock clock;
  private final PipelineErrors errors;
  private final PipelineListener listener;
  private final PipelineLog log;
  // Lanes retrying the store or the dead-letter sink now: while any is, polling pauses.
  private final AtomicInteger retryingLanes = new AtomicInteger();

  private volatile State lifecycle = State.NEW;
  private volatile boolean sourceRetrying;
  private volatile Instant backingOffSince;
  private State reportedState = State.NEW;

  PipelineState(Clock clock, PipelineErrors errors, PipelineListener listener, PipelineLog log) {
    this.clock = clock;
    this.errors = errors;
    this.listener = listener;
    this.log = log;
  }

  /** Enters a stage of the lifecycle, and publishes the change. */
  void enter(State stage) {
    lifecycle = stage;
    publish();
  }

  /** Whether polling the source is being retried; seen once {@link #publish() published}. */
  void sourceRetrying(boolean retrying) {
    sourceRetrying = retrying;
  }

  void laneRetrying() {
    retryingLanes.incrementAndGet();
  }

  void laneDoneRetrying() {
    retryingLanes.decrementAndGet();
  }

  int retryingLanes() {
    return retryingLanes.get();
  }

  State current() {
    State s = lifecycle;
    if (s == State.RUNNING && (retryingLanes.get() > 0 || sourceRetrying)) {
      return State.BACKING_OFF;
    }
    return s;
  }

  /** Since when the pipeline has been backing off, or {@code null}. */
  Instant backingOffSince() {
    return backingOffSince;
  }

  /** Logs the state and tells the listener, when it is not the one told last. */
  synchronized void publish() {
    State now = current();
    if (now != reportedState) {
      State before = reportedState;
      reportedState = now;
      backingOffSince = now == State.BACKING_OFF ? clock.instant() : null;
      if (now == State.FAILED) {
        log.error(before + " -> FAILED: " + errors.lastError() + "; nothing unstored was acknowledged", errors.fatal());
      } else {
        log.info(() -> before + " -> " + now + (now == State.BACKING_OFF ? " (" + errors.lastError() + ")" : ""));
      }
      listener.onStateChange(before, now);
    }
  }
}
