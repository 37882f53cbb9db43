package io.cdcaudit.source;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where raw change messages come from: a Kafka consumer group, an SQS queue, an in-memory queue
 * in tests. The source is the buffer of the audit trail: a message stays in it until it is
 * acknowledged, and the pipeline acknowledges only after the store said the message's record is
 * durable. A message that was delivered but not acknowledged comes back after a restart.
 *
 * <h2>Rules every source keeps</h2>
 *
 * <ul>
 *   <li><b>One thread.</b> The pipeline calls every method from one thread (Kafka's consumer
 *       requires it). A source whose client pushes records from threads of its own (the Kinesis
 *       Client Library calls a record processor per shard) hands them over to {@link #poll} through
 *       a bounded queue per partition and blocks the client's thread while it is full, so that
 *       backpressure reaches the client and nothing is buffered without bound.
 *   <li><b>Acknowledge only what was stored.</b> A source checkpoints, commits or deletes only
 *       messages passed to {@link #acknowledge}; in an ordered partition only the contiguous
 *       acknowledged prefix ({@link AcknowledgedPrefix}), never on a timer and never what it merely
 *       queued. A push client's own checkpoint calls happen on its thread, with what
 *       {@code acknowledge} recorded.
 *   <li><b>Paused but alive.</b> While {@link #pause() paused} the source keeps its membership: a
 *       Kafka consumer stays in its group (it keeps polling, paused), a lease holder keeps renewing
 *       its leases; only delivery stops.
 *   <li><b>Losing a partition.</b> When a partition goes to another reader (a rebalance, a lost
 *       lease, a shard end), the source stops delivering its messages and drops what it delivered
 *       but was not acknowledged: the new owner delivers those again, and the store's idempotency
 *       keeps one record each. At a shard end, a source checkpoints the end only after every
 *       message of the shard was acknowledged.
 *   <li><b>Failing honestly.</b> {@link #poll} throws a transient {@link SourceException} for what a
 *       retry may mend and {@link SourceException#unusable} for credentials, permissions or a
 *       missing stream; a client that silently returns nothing while its server is unreachable is
 *       asked, so that the pipeline's health does not lie.
 * </ul>
 *
 * <p>Implementations: {@code audit-source-kafka}, {@code audit-source-sqs}, {@code audit-source-kinesis}, and the in-memory
 * source of {@code audit-store-memory}; the contract every implementation passes is
 * {@code io.cdcaudit.tck.source.ChangeSourceContract} in {@code audit-tck}.
 */
public interface ChangeSource extends AutoCloseable {

  /**
   * The next messages, waiting up to {@code timeout} when none is ready; an empty list when none
   * arrived. Messages of one ordered {@link SourcePartition} come in order, also across calls.
   *
   * @param timeout how long to wait for a first message; the pipeline's poll timeout, short enough
   *     that it notices a stop or a change of health in time
   * @return the messages delivered, in source order within each ordered partition; never {@code null}
   * @throws SourceException when the source cannot be read; the pipeline backs off and tries again
   */
  List<SourceMessage> poll(Duration timeout);

  /**
   * Tells the source that these messages are processed, so that it need not deliver them again:
   * Kafka commits offsets, SQS deletes messages. Within an ordered partition a source never
   * commits past a message that is not acknowledged yet. Acknowledging a message of a partition
   * this instance no longer owns (after a rebalance) is a no-op: its new owner will see it again.
   *
   * @param messages messages this source delivered whose records are durable (or which are
   *     dead-lettered); in any order, possibly of several partitions
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

  /**
   * How many messages wait in the source beyond those delivered, where the source knows; the
   * pipeline reports it in its health and metrics, so that a reader falling behind shows.
   *
   * @return the backlog, or empty when the source cannot tell (the default)
   */
  default OptionalLong lag() {
    return OptionalLong.empty();
  }

  /** Releases the source. Messages not acknowledged will be delivered again to the next reader. */
  @Override
  void close();
}
