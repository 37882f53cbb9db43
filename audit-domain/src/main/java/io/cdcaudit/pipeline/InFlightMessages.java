package io.cdcaudit.pipeline;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.SourceMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages received and not yet acknowledged: counted against the bounds in bytes and
 * messages, with the source paused while they are reached (or while something asks to hold back),
 * and acknowledged to the source once the workers completed them.
 *
 * <p>Workers call {@link #completed}; everything else is called from the poll thread, which owns
 * the source.
 */
final class InFlightMessages {

  // A failed acknowledgement is tried again with the next ones this often before it is given up.
  static final int MAX_ACKNOWLEDGE_ATTEMPTS = 3;

  private final ChangeSource source;
  private final long maxBytes;
  private final int maxMessages;
  private final PipelineErrors errors;
  private final PipelineListener listener;
  private final PipelineLog log;

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong peakBytes = new AtomicLong();
  private final ConcurrentLinkedQueue<List<SourceMessage>> completed = new ConcurrentLinkedQueue<>();
  // Completed messages whose acknowledgement failed, kept for the next attempt.
  private final List<SourceMessage> unacknowledged = new ArrayList<>();
  private int acknowledgeFailures;
  private boolean paused;

  InFlightMessages(ChangeSource source, long maxBytes, int maxMessages, PipelineErrors errors,
      PipelineListener listener, PipelineLog log) {
    this.source = source;
    this.maxBytes = maxBytes;
    this.maxMessages = maxMessages;
    this.errors = errors;
    this.listener = listener;
    this.log = log;
  }

  /** Counts a polled batch in. */
  void received(List<SourceMessage> batch) {
    long size = 0;
    for (SourceMessage message : batch) {
      size += message.sizeInBytes();
    }
    messages.addAndGet(batch.size());
    peakBytes.accumulateAndGet(bytes.addAndGet(size), Math::max);
  }

  /** Workers hand back what they processed (stored, skipped or dead-lettered); any thread. */
  void completed(List<SourceMessage> processed) {
    completed.add(processed);
  }

  /**
   * Pauses the source while the bounds are reached or {@code holdBack} says so, and resumes it
   * once neither holds; calls the source only when that changes.
   *
   * @param holdBack whether to hold messages back even within the bounds (a store being retried)
   */
  void pauseOrResumeSource(boolean holdBack) {
    boolean mustPause = overBudget() || holdBack;
    if (mustPause != paused) {
      if (mustPause) {
        source.pause();
      } else {
        source.resume();
      }
      paused = mustPause;
    }
  }

  /**
   * Acknowledges what the workers completed, with what failed to be acknowledged before, and counts
   * it out. A failed acknowledgement is tried again with the next one, and given up after
   * {@value #MAX_ACKNOWLEDGE_ATTEMPTS} attempts: the source then delivers those messages again and
   * the store keeps one copy of each.
   */
  void acknowledgeCompleted() {
    List<SourceMessage> done = new ArrayList<>(unacknowledged);
    for (List<SourceMessage> chunk; (chunk = completed.poll()) != null; ) {
      done.addAll(chunk);
    }
    if (done.isEmpty()) {
      return;
    }
    try {
      source.acknowledge(done);
      listener.onAcknowledged(done.size());
      if (acknowledgeFailures > 0) {
        errors.resolved("source acknowledge");
      }
      acknowledgeFailures = 0;
      unacknowledged.clear();
    } catch (RuntimeException e) {
      errors.note("source acknowledge", e);
      log.warning("acknowledging " + done.size() + " stored messages failed (attempt " + (acknowledgeFailures + 1)
          + " of " + MAX_ACKNOWLEDGE_ATTEMPTS + "; the store keeps one copy of what comes again)", e);
      if (++acknowledgeFailures < MAX_ACKNOWLEDGE_ATTEMPTS) {
        // Stored already: try again with the next acknowledgement rather than have them delivered again.
        unacknowledged.clear();
        unacknowledged.addAll(done);
        return;
      }
      // The source delivers these messages again (after a restart, a rebalance or a visibility
      // timeout) and the store keeps one copy of each.
      acknowledgeFailures = 0;
      unacknowledged.clear();
    }
    long size = 0;
    for (SourceMessage message : done) {
      size += message.sizeInBytes();
    }
    bytes.addAndGet(-size);
    messages.addAndGet(-done.size());
  }

  /** Whether a bound is reached: then the source is paused. */
  boolean overBudget() {
    return bytes.get() >= maxBytes || messages.get() >= maxMessages;
  }

  long messages() {
    return messages.get();
  }

  long bytes() {
    return bytes.get();
  }

  long peakBytes() {
    return peakBytes.get();
  }
}
