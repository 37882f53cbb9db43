package io.cdcaudit.source;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What of one ordered partition may be committed: the contiguous run of delivered messages that
 * are all acknowledged, from the oldest pending one. A source commits (Kafka offsets, Kinesis
 * checkpoints) only up to its end, so a message that is not stored yet is never passed over,
 * whatever order acknowledgements come in; gaps between positions (compaction, transaction
 * markers, sequence numbers) are no problem because only delivered positions count.
 *
 * <p>Positions are anything with an order: Kafka offsets ({@link #ofOffsets()}), Kinesis sequence
 * and sub-sequence numbers. Not thread-safe: a source uses it from its one thread.
 *
 * @param <P> a message's position in its partition
 */
public final class AcknowledgedPrefix<P> {

  private final Comparator<? super P> order;
  private final ArrayDeque<P> delivered = new ArrayDeque<>();
  private final Set<P> acknowledged = new HashSet<>();
  private P last;

  /**
   * A tracker of positions in {@code order}.
   *
   * @param order the order of positions in the partition; positions equal in it must be equal
   */
  public AcknowledgedPrefix(Comparator<? super P> order) {
    this.order = Objects.requireNonNull(order, "order");
  }

  /**
   * A tracker of numeric offsets, as Kafka's.
   *
   * @return a new tracker
   */
  public static AcknowledgedPrefix<Long> ofOffsets() {
    return new AcknowledgedPrefix<>(Comparator.naturalOrder());
  }

  /**
   * Notes a delivered message. Positions come in increasing order; one not after the newest
   * delivered (a delivery again after a seek or a retry) is ignored, since its first delivery is
   * still pending or counted.
   *
   * @param position the message's position
   * @return whether it was new
   */
  public boolean delivered(P position) {
    Objects.requireNonNull(position, "position");
    P newest = delivered.peekLast();
    if (newest != null && order.compare(position, newest) <= 0) {
      return false;
    }
    if (newest == null && last != null && order.compare(position, last) <= 0) {
      return false;
    }
    delivered.addLast(position);
    return true;
  }

  /**
   * Notes an acknowledged message and moves the end of the prefix over every acknowledged message
   * it reaches. A position outside what is pending (before it, after the newest delivered) is
   * ignored.
   *
   * @param position the message's position
   */
  public void acknowledged(P position) {
    Objects.requireNonNull(position, "position");
    P oldest = delivered.peekFirst();
    if (oldest == null || order.compare(position, oldest) < 0 || order.compare(position, delivered.peekLast()) > 0) {
      return;
    }
    acknowledged.add(position);
    while (!delivered.isEmpty() && acknowledged.remove(delivered.peekFirst())) {
      last = delivered.pollFirst();
    }
  }

  /**
   * The end of the prefix: the newest position such that it, and every message delivered before
   * it, is acknowledged.
   *
   * @return the position to commit up to (inclusive), or empty while none is
   */
  public Optional<P> last() {
    return Optional.ofNullable(last);
  }

  /**
   * How many delivered messages are beyond the prefix.
   *
   * @return the messages delivered and not yet part of the prefix
   */
  public int pending() {
    return delivered.size();
  }
}
