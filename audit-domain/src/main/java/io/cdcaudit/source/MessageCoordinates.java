package io.cdcaudit.source;

import java.util.Objects;

/**
 * Where a raw message sits in its source, for logs, dead letters and lag: the partition and the
 * position in it (a Kafka offset, an SQS message id).
 *
 * @param partition the partition the message belongs to
 * @param position where the message sits in the partition, in the source's own terms (for
 *     instance the decimal offset); what an operator needs to find the message again
 */
public record MessageCoordinates(SourcePartition partition, String position) {

  /**
   * Checks that both parts are there.
   *
   * @param partition the partition the message belongs to
   * @param position where the message sits in the partition
   * @throws NullPointerException when {@code partition} or {@code position} is {@code null}
   */
  public MessageCoordinates {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(position, "position");
  }

  /**
   * For logs and dead letters: {@code orders/3@1042}.
   *
   * @return the partition and the position, joined by {@code @}
   */
  @Override
  public String toString() {
    return partition + "@" + position;
  }
}
