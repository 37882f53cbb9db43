package io.cdcaudit.pipeline;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a pipeline's state, for health checks.
 *
 * <p>{@code lastError} is what is wrong <em>now</em>: it is cleared once the operation that failed
 * (polling the source, appending to the store, sending dead letters, acknowledging) works again.
 * After {@link State#FAILED} it says why the pipeline stopped.
 *
 * @param state what the pipeline is doing
 * @param lastError the error of a failing operation (store, dead-letter sink or source), or
 *     {@code null} when nothing is failing
 * @param lastErrorAt when it was seen, or {@code null}
 * @param backingOffSince since when the pipeline has been retrying without success, or
 *     {@code null} when it is not {@link State#BACKING_OFF}
 * @param lag messages waiting in the source, or -1 when the source does not say
 * @param received messages received since start
 * @param stored records stored since start
 * @param skipped messages left out (tombstones, markers, filtered tables) since start
 * @param deadLettered messages sent to the dead-letter sink since start
 * @param retries failed attempts (of the source, the store and the dead-letter sink) that were retried since start
 * @param withoutKey records of row changes stored without a primary key since start (the producer
 *     named none and none is configured: such records are stored, but no row's history finds them)
 * @param inFlightMessages messages received and not yet acknowledged
 * @param inFlightBytes bytes of those messages
 * @param peakInFlightBytes the most bytes in flight at any time since start
 */
public record PipelineHealth(
    State state,
    String lastError,
    Instant lastErrorAt,
    Instant backingOffSince,
    long lag,
    long received,
    long stored,
    long skipped,
    long deadLettered,
    long retries,
    long withoutKey,
    long inFlightMessages,
    long inFlightBytes,
    long peakInFlightBytes) {

  /** What a pipeline is doing. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** Polling and storing. */
    RUNNING,
    /**
     * Retrying a failed store, dead-letter sink or source (unreachable, timing out); polling is
     * paused. With the default {@link Backoff} it retries until the operation succeeds, so a
     * readiness check should treat a long {@code BACKING_OFF} as down: see
     * {@link PipelineHealth#backingOffSince()}.
     */
    BACKING_OFF,
    /** Stopping: finishing the batches in flight. */
    STOPPING,
    /** Stopped on request. */
    STOPPED,
    /**
     * Stopped because retries ran out or a source or store cannot be used as it is set up (bad
     * credentials, a missing privilege or queue); see {@link #lastError()}. Nothing unstored was
     * acknowledged.
     */
    FAILED
  }

  /**
   * The error of a failing operation.
   *
   * @return the error, or empty when nothing is failing
   */
  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }

  /**
   * The lag, where the source knows it.
   *
   * @return messages waiting in the source, or empty
   */
  public OptionalLong lagIfKnown() {
    return lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag);
  }

  /**
   * Whether the pipeline is up: running, or retrying something that may recover.
   *
   * @return true when {@link State#RUNNING} or {@link State#BACKING_OFF}
   */
  public boolean isUp() {
    return state == State.RUNNING || state == State.BACKING_OFF;
  }

  /**
   * Whether the pipeline is running and nothing fails: what a readiness check wants.
   *
   * @return true when {@link State#RUNNING} with no error
   */
  public boolean isHealthy() {
    return state == State.RUNNING && lastError == null;
  }
}
