package io.cdcaudit.kinesis.internal;

import io.cdcaudit.source.AcknowledgedPrefix;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.util.ArrayDeque;

/**
 * One shard as long as this worker holds its lease: the records queued for the pipeline, what of
 * them was delivered and acknowledged, and the last checkpoint. A new lease on the same shard gets
 * a new feed, so that acknowledgements of an earlier one cannot move its checkpoint. Guarded by
 * the {@link Handover}'s lock; only the hand-over touches the fields.
 */
public final class ShardFeed {

  final Handover handover;
  final SourcePartition partition;
  final ArrayDeque<SourceMessage> queued = new ArrayDeque<>();
  final AcknowledgedPrefix<ShardPosition> prefix = new AcknowledgedPrefix<>(ShardPosition::compareTo);
  ShardPosition checkpointed;
  boolean released;

  ShardFeed(Handover handover, SourcePartition partition) {
    this.handover = handover;
    this.partition = partition;
  }

  /**
   * The shard, for messages and logs.
   *
   * @return the stream and shard id as the pipeline sees them
   */
  public SourcePartition partition() {
    return partition;
  }

  @Override
  public String toString() {
    return partition.toString();
  }
}
