package io.cdcaudit.pipeline;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a pipeline's state, for health checks.
 *
 * @param state what the pipeline is doing
 * @param lastError the last error seen (store, dead-letter sink or source), or {@code null}
 * @param lastErrorAt when it was seen, or {@code null}
 * @param lag messages waiting in the source, or -1 when the source does not say
 * @param received messages received since start
 * @param stored records stored since start
 * @param skipped messages left out (tombstones, markers, filtered tables) since start
 * @param deadLettered messages sent to the dead-letter sink since start
 * @param retries failed attempts that were retried since start
 * @param inFlightMessages messages received and not yet acknowledged
 * @param inFlightBytes bytes of those messages
 * @param peakInFlightBytes the most bytes in flight at any time since start
 */
public record PipelineHealth(
    State state,
    String lastError,
    Instant lastErrorAt,
    long lag,
    long received,
    long stored,
    long skipped,
    long deadLettered,
    long retries,
    long inFlightMessages,
    long inFlightBytes,
    long peakInFlightBytes) {

  /** What a pipeline is doing. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** Polling and storing. */
    RUNNING,
    /** Retrying a failed store, dead-letter sink or source; polling is paused. */
    BACKING_OFF,
    /** Stopping: finishing the batches in flight. */
    STOPPING,
    /** Stopped on request. */
    STOPPED,
    /** Stopped because retries ran out; see {@link #lastError()}. Nothing unstored was acknowledged. */
    FAILED
  }

  public Optional<String> error() {
    return Optional.ofNullable(lastError);
  }

  public OptionalLong lagIfKnown() {
    return lag < 0 ? OptionalLong.empty() : OptionalLong.of(lag);
  }

  /** Whether the pipeline is up (running or retrying). */
  public boolean isUp() {
    return state == State.RUNNING || state == State.BACKING_OFF;
  }
}
