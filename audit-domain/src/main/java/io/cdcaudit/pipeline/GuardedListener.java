package io.cdcaudit.pipeline;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.record.AuditRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's listener, called so that what it throws never reaches the pipeline: a
 * listener must not break the trail, but its defect must not go unseen either. The 1st, 2nd, 4th,
 * 8th... failure is logged, so a listener that always throws does not flood the log.
 */
final class GuardedListener implements PipelineListener {

  private final PipelineListener listener;
  private final PipelineLog log;
  private final AtomicLong failures = new AtomicLong();

  GuardedListener(PipelineListener listener, PipelineLog log) {
    this.listener = listener;
    this.log = log;
  }

  @Override
  public void onReceived(int count) {
    guard(() -> listener.onReceived(count));
  }

  @Override
  public void onStored(List<AuditRecord> records, Duration sinceReceived) {
    guard(() -> listener.onStored(records, sinceReceived));
  }

  @Override
  public void onSkipped(int count) {
    guard(() -> listener.onSkipped(count));
  }

  @Override
  public void onDeadLettered(int count) {
    guard(() -> listener.onDeadLettered(count));
  }

  @Override
  public void onAcknowledged(int count) {
    guard(() -> listener.onAcknowledged(count));
  }

  @Override
  public void onRetry(RetriedOperation what, int attempt, Throwable error, Duration delay) {
    guard(() -> listener.onRetry(what, attempt, error, delay));
  }

  @Override
  public void onStateChange(State from, State to) {
    guard(() -> listener.onStateChange(from, to));
  }

  @Override
  public void onStoredWithoutKey(TableRef table) {
    guard(() -> listener.onStoredWithoutKey(table));
  }

  @Override
  public void onIdleRule(String rule, long messagesSeen) {
    guard(() -> listener.onIdleRule(rule, messagesSeen));
  }

  private void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      long failed = failures.incrementAndGet();
      if (Long.bitCount(failed) == 1) {
        log.warning("the listener " + listener + " threw (" + failed + (failed == 1 ? " time" : " times")
            + "); the pipeline goes on", e);
      }
    }
  }

  @Override
  public String toString() {
    return listener.toString();
  }
}
