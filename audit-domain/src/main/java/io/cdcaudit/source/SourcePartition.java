package io.cdcaudit.source;

import java.util.Objects;

/**
 * A unit of ordering in a source: a Kafka topic partition, a Kinesis shard, an SQS FIFO message
 * group, or a whole SQS standard queue (which keeps no order).
 *
 * @param stream the topic, stream or queue name
 * @param partition the partition, shard or message group within it; empty where there is none
 * @param ordered whether the source delivers this partition's messages in order; the pipeline
 *     keeps that order, and processes different partitions in parallel
 */
public record SourcePartition(String stream, String partition, boolean ordered) {

  public SourcePartition {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(partition, "partition");
    if (stream.isEmpty()) {
      throw new IllegalArgumentException("a source partition needs a stream (topic, stream or queue) name");
    }
  }

  public static SourcePartition ordered(String stream, String partition) {
    return new SourcePartition(stream, partition, true);
  }

  public static SourcePartition unordered(String stream) {
    return new SourcePartition(stream, "", false);
  }

  @Override
  public String toString() {
    return partition.isEmpty() ? stream : stream + '/' + partition;
  }
}
