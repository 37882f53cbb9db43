package io.cdcaudit.pipeline;

import io.cdcaudit.store.StoreException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Retries a worker's failing operation (appending to the store, sending dead letters) with the
 * {@link Backoff} until it works, shows the lane as retrying meanwhile (polling pauses, health says
 * {@code BACKING_OFF}), and gives up the batch when the pipeline stops, retries run out or the
 * store cannot be used. Also logs retries and recoveries for the source, which the poll thread
 * retries itself.
 */
final class RetryLoop {

  /** Thrown for an error that no retry can mend, so that the caller may try another way. */
  static final class PermanentFailure extends RuntimeException {
    PermanentFailure(RuntimeException cause) {
      super(null, cause, false, false);
    }
  }

  private final Backoff backoff;
  private final PipelineErrors errors;
  private final PipelineState state;
  private final StopSignal stop;
  private final PipelineCounters counters;
  private final PipelineListener listener;
  private final PipelineLog log;

  RetryLoop(Backoff backoff, PipelineErrors errors, PipelineState state, StopSignal stop, PipelineCounters counters,
      PipelineListener listener, PipelineLog log) {
    this.backoff = backoff;
    this.errors = errors;
    this.state = state;
    this.stop = stop;
    this.counters = counters;
    this.listener = listener;
    this.log = log;
  }

  /**
   * Runs {@code action} until it works, retrying every failure.
   *
   * @throws AbandonedBatch when the pipeline stops, retries run out or the store cannot be used
   */
  <T> T run(RetriedOperation operation, Supplier<T> action) {
    return run(operation, action, e -> false);
  }

  /**
   * Runs {@code action} until it works, retrying every failure {@code permanent} does not accept.
   *
   * @throws PermanentFailure for a failure {@code permanent} accepts
   * @throws AbandonedBatch when the pipeline stops, retries run out or the store cannot be used
   */
  <T> T run(RetriedOperation operation, Supplier<T> action, Predicate<RuntimeException> permanent) {
    String what = operation.label();
    int attempt = 0;
    boolean counted = false;
    try {
      while (true) {
        attempt++;
        try {
          T result = action.get();
          if (attempt > 1) {
            logRecovery(what, attempt - 1);
          }
          // Another lane still retrying the same operation keeps its error showing.
          if (errors.isCurrent(what) && state.retryingLanes() <= (counted ? 1 : 0)) {
            errors.resolved(what);
          }
          return result;
        } catch (RuntimeException e) {
          errors.note(what, e);
          if (e instanceof StoreException se && se.isUnusable()) {
            errors.fail(e);
            throw new AbandonedBatch();
          }
          if (permanent.test(e)) {
            throw new PermanentFailure(e);
          }
          counters.retries.increment();
          if (stop.isRequested()) {
            throw new AbandonedBatch();
          }
          if (!backoff.allowsAnotherAfter(attempt)) {
            errors.fail(e);
            throw new AbandonedBatch();
          }
          if (!counted) {
            counted = true;
            state.laneRetrying();
            state.publish();
          }
          Duration delay = backoff.delayBefore(attempt);
          logRetry(what, attempt, e, delay);
          listener.onRetry(operation, attempt, e, delay);
          if (!stop.sleepUnlessStopping(delay)) {
            throw new AbandonedBatch();
          }
        }
      }
    } finally {
      if (counted) {
        state.laneDoneRetrying();
        state.publish();
      }
    }
  }

  /** Logs the first retry and then every retry whose number is a power of two, so a long outage stays readable. */
  void logRetry(String what, int attempt, Throwable e, Duration delay) {
    if (Integer.bitCount(attempt) != 1) {
      return;
    }
    String limit = backoff.maxAttempts() == 0
        ? "retrying until it works (Backoff.maxAttempts is 0: never give up)"
        : "giving up after attempt " + backoff.maxAttempts();
    log.warning(what + " failed (attempt " + attempt + "), next try in " + delay.toMillis() + " ms; " + limit + ": " + e);
  }

  void logRecovery(String what, int failedAttempts) {
    log.info(() -> what + " works again after " + failedAttempts
        + (failedAttempts == 1 ? " failed attempt" : " failed attempts"));
  }
}
