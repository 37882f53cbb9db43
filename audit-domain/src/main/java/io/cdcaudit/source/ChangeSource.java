package io.cdcaudit.source;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where raw change messages come from: a Kafka consumer group, Kinesis shard leases, an SQS
 * queue. The source is the buffer of the audit trail: a message stays in it until it is
 * acknowledged, and the pipeline acknowledges only after the store said the message's record is
 * durable. A message that was delivered but not acknowledged comes back after a restart.
 *
 * <p>The pipeline calls every method from one thread (Kafka's consumer requires it).
 *
 * <p>Implementations: {@code audit-source-kafka}, {@code audit-source-sqs}; the contract every
 * implementation passes is {@code io.cdcaudit.tck.ChangeSourceContract}.
 */
public interface ChangeSource extends AutoCloseable {

  /**
   * The next messages, waiting up to {@code timeout} when none is ready; an empty list when none
   * arrived. Messages of one ordered {@link SourcePartition} come in order, also across calls.
   *
   * @throws SourceException when the source cannot be read; the pipeline backs off and tries again
   */
  List<SourceMessage> poll(Duration timeout);

  /**
   * Tells the source that these messages are processed, so that it need not deliver them again:
   * Kafka commits offsets, SQS deletes messages. Within an ordered partition a source never
   * commits past a message that is not acknowledged yet. Acknowledging a message of a partition
   * this instance no longer owns (after a rebalance) is a no-op: its new owner will see it again.
   *
   * @throws SourceException when the acknowledgement failed; the messages may be delivered again
   */
  void acknowledge(List<SourceMessage> messages);

  /**
   * Stops delivering messages: until {@link #resume()}, {@link #poll(Duration)} returns none but
   * keeps the source alive (a Kafka consumer stays in its group). The pipeline pauses while its
   * memory budget is used up or its store is failing.
   */
  void pause();

  /** Delivers messages again after {@link #pause()}. */
  void resume();

  /** How many messages wait in the source beyond those delivered, where the source knows. */
  default OptionalLong lag() {
    return OptionalLong.empty();
  }

  /** Releases the source. Messages not acknowledged will be delivered again to the next reader. */
  @Override
  void close();
}
