package io.cdcaudit.kafka.internal;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The offsets of one partition that were delivered and not yet committed, and which of them were
 * acknowledged. The committable offset never passes a delivered message that is not acknowledged,
 * whatever order acknowledgements come in, and copes with gaps in offsets (compaction,
 * transaction markers). Not thread-safe: used from the consumer's thread.
 */
public final class PartitionOffsets {

  private final ArrayDeque<Long> delivered = new ArrayDeque<>();
  private final Set<Long> acknowledged = new HashSet<>();
  private long committable = -1;
  private long committed = -1;

  /** Records a delivered message. Offsets must arrive in increasing order. */
  public void delivered(long offset) {
    Long last = delivered.peekLast();
    if (last != null && offset <= last) {
      return; // delivered again after a seek: the first delivery is still pending
    }
    delivered.addLast(offset);
  }

  /** Records an acknowledged message; acknowledgements of offsets never delivered are ignored. */
  public void acknowledged(long offset) {
    Long first = delivered.peekFirst();
    if (first == null || offset < first) {
      return;
    }
    acknowledged.add(offset);
    while (!delivered.isEmpty() && acknowledged.remove(delivered.peekFirst())) {
      committable = delivered.pollFirst() + 1;
    }
  }

  /** The offset to commit (the next message to read after a restart), or -1 when nothing new is committable. */
  public long toCommit() {
    return committable > committed ? committable : -1;
  }

  /** Notes that {@code offset} was committed. */
  public void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /** Messages delivered and not yet committable. */
  public int pending() {
    return delivered.size();
  }
}
