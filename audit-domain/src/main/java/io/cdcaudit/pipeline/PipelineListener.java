package io.cdcaudit.pipeline;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import java.time.Duration;
import java.util.List;

/**
 * Hears what the pipeline does, for metrics and logs ({@code audit-micrometer} has one for
 * Micrometer). Called from the pipeline's threads: implementations must be thread-safe and quick,
 * and must not throw (what they throw is logged, and the pipeline goes on).
 */
public interface PipelineListener {

  /** A listener that does nothing. */
  PipelineListener NONE = new PipelineListener() {};

  /**
   * {@code count} messages came from the source.
   *
   * @param count the messages of one poll, at least 1
   */
  default void onReceived(int count) {}

  /**
   * A batch of records is durable in the store.
   *
   * @param records the records (after policies)
   * @param sinceReceived how long since the batch's first message was received
   */
  default void onStored(List<AuditRecord> records, Duration sinceReceived) {}

  /**
   * {@code count} messages were left out: tombstones, markers, or tables the filter excludes.
   *
   * @param count the messages left out, at least 1
   */
  default void onSkipped(int count) {}

  /**
   * {@code count} messages went to the dead-letter sink.
   *
   * @param count the messages the sink kept, at least 1
   */
  default void onDeadLettered(int count) {}

  /**
   * {@code count} messages were acknowledged to the source.
   *
   * @param count the messages acknowledged, at least 1
   */
  default void onAcknowledged(int count) {}

  /**
   * Something failed and will be retried.
   *
   * @param what the store, the dead-letter sink or the source
   * @param attempt the attempt that failed, from 1
   * @param error what it failed with
   * @param delay how long the pipeline waits before the next attempt
   */
  default void onRetry(RetriedOperation what, int attempt, Throwable error, Duration delay) {}

  /**
   * The pipeline's state changed.
   *
   * @param from the state before
   * @param to the state now
   */
  default void onStateChange(PipelineHealth.State from, PipelineHealth.State to) {}

  /**
   * A record of a row change was stored without a primary key: the producer's message named none
   * and the decoder has none configured for its table, so no row's history or state finds it.
   *
   * @param table the record's table
   */
  default void onStoredWithoutKey(TableRef table) {}

  /**
   * A policy rule has applied to nothing after the pipeline saw many messages: a misspelt name,
   * or a rule that an earlier one shadows. Reported once per rule.
   *
   * @param rule the setting and its pattern, for example {@code ColumnPolicy.mask *.users.emial}
   * @param messagesSeen the messages received when it was found idle
   */
  default void onIdleRule(String rule, long messagesSeen) {}
}
