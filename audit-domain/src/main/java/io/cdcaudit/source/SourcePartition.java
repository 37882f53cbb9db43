package io.cdcaudit.source;

import java.util.Objects;

/**
 * A unit of ordering in a source: a Kafka topic partition, an SQS FIFO message group, or a whole
 * SQS standard queue (which keeps no order), a Kinesis shard.
 *
 * @param stream the topic, stream or queue name
 * @param partition the partition, shard or message group within it; empty where there is none
 * @param ordered whether the source delivers this partition's messages in order; the pipeline
 *     keeps that order, and processes different partitions in parallel
 */
public record SourcePartition(String stream, String partition, boolean ordered) {

  /**
   * Checks the names: every partition belongs to a named stream.
   *
   * @param stream the topic, stream or queue name, not empty
   * @param partition the partition, shard or message group; empty where there is none
   * @param ordered whether the source delivers this partition's messages in order
   * @throws NullPointerException when {@code stream} or {@code partition} is {@code null}
   * @throws IllegalArgumentException when {@code stream} is empty
   */
  public SourcePartition {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(partition, "partition");
    if (stream.isEmpty()) {
      throw new IllegalArgumentException("a source partition needs a stream (topic, stream or queue) name");
    }
  }

  /**
   * A partition whose messages the source delivers in order, such as a Kafka topic partition.
   *
   * @param stream the topic, stream or queue name
   * @param partition the partition, shard or message group within it
   * @return the ordered partition
   * @throws IllegalArgumentException when {@code stream} is empty
   */
  public static SourcePartition ordered(String stream, String partition) {
    return new SourcePartition(stream, partition, true);
  }

  /**
   * A whole stream that keeps no order, such as an SQS standard queue: the pipeline may then
   * process its messages in any order.
   *
   * @param stream the topic, stream or queue name
   * @return the unordered partition, with an empty partition name
   * @throws IllegalArgumentException when {@code stream} is empty
   */
  public static SourcePartition unordered(String stream) {
    return new SourcePartition(stream, "", false);
  }

  /**
   * For logs: {@code orders/3}, or the stream name alone when there is no partition.
   *
   * @return the stream and the partition, joined by {@code /}
   */
  @Override
  public String toString() {
    return partition.isEmpty() ? stream : stream + '/' + partition;
  }
}
