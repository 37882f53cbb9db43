package io.cdcaudit.source;

import java.util.Objects;

/**
 * Where a raw message sits in its source, for logs, dead letters and lag: the partition and the
 * position in it (a Kafka offset, a Kinesis sequence number, an SQS message id).
 */
public record MessageCoordinates(SourcePartition partition, String position) {

  public MessageCoordinates {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(position, "position");
  }

  @Override
  public String toString() {
    return partition + "@" + position;
  }
}
