package io.cdcaudit.kinesis.internal;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Where a user record sits in its shard: the Kinesis sequence number and, for one of the user
 * records a KPL aggregate holds, its sub-sequence number (0 for a record that was not aggregated).
 * Checkpointing both lets a restart skip exactly the user records of an aggregate that were stored.
 *
 * @param sequenceNumber the sequence number (up to 128 bits)
 * @param subSequenceNumber the index within a KPL aggregate, 0 otherwise
 */
public record ShardPosition(BigInteger sequenceNumber, long subSequenceNumber) implements Comparable<ShardPosition> {

  /**
   * Checks the parts.
   *
   * @param sequenceNumber the sequence number
   * @param subSequenceNumber the sub-sequence number
   * @throws IllegalArgumentException when either is negative
   */
  public ShardPosition {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    if (sequenceNumber.signum() < 0 || subSequenceNumber < 0) {
      throw new IllegalArgumentException("not a Kinesis position: " + sequenceNumber + ":" + subSequenceNumber);
    }
  }

  /**
   * The position of a record as the Kinesis Client Library gives it.
   *
   * @param sequenceNumber the decimal sequence number
   * @param subSequenceNumber the sub-sequence number
   * @return the position
   * @throws IllegalArgumentException when the sequence number is not a decimal
   */
  public static ShardPosition of(String sequenceNumber, long subSequenceNumber) {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    if (sequenceNumber.isEmpty() || !sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a Kinesis sequence number: " + sequenceNumber);
    }
    return new ShardPosition(new BigInteger(sequenceNumber), subSequenceNumber);
  }

  @Override
  public int compareTo(ShardPosition other) {
    int bySequence = sequenceNumber.compareTo(other.sequenceNumber);
    return bySequence != 0 ? bySequence : Long.compare(subSequenceNumber, other.subSequenceNumber);
  }

  /**
   * For logs: the sequence number, with {@code :<sub>} when the sub-sequence number is not 0.
   *
   * @return the position
   */
  @Override
  public String toString() {
    return describe(subSequenceNumber != 0);
  }

  /**
   * For coordinates: the sequence number, with {@code :<sub>} for a user record of an
   * aggregate, so that every user record has a position of its own.
   *
   * @param aggregated whether the record came out of a KPL aggregate
   * @return the position as an operator finds the record again
   */
  public String describe(boolean aggregated) {
    return aggregated ? sequenceNumber + ":" + subSequenceNumber : sequenceNumber.toString();
  }
}
