package io.cdcaudit.kafka.internal;

import io.cdcaudit.source.AcknowledgedPrefix;

/**
 * The offsets of one partition that were delivered and not yet committed, which of them were
 * acknowledged (an {@link AcknowledgedPrefix}), and what was committed. The committable offset
 * never passes a delivered message that is not acknowledged, whatever order acknowledgements come
 * in, and copes with gaps in offsets (compaction, transaction markers). Not thread-safe: used from
 * the consumer's thread.
 */
public final class PartitionOffsets {

  private final AcknowledgedPrefix<Long> prefix = AcknowledgedPrefix.ofOffsets();
  private long committed = -1;

  /** Records a delivered message. Offsets must arrive in increasing order. */
  public void delivered(long offset) {
    prefix.delivered(offset); // a delivery again after a seek is ignored: the first is still pending
  }

  /** Records an acknowledged message; acknowledgements of offsets never delivered are ignored. */
  public void acknowledged(long offset) {
    prefix.acknowledged(offset);
  }

  /** The offset to commit (the next message to read after a restart), or -1 when nothing new is committable. */
  public long toCommit() {
    long committable = prefix.last().map(last -> last + 1).orElse(-1L);
    return committable > committed ? committable : -1;
  }

  /** Notes that {@code offset} was committed. */
  public void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /** Messages delivered and not yet committable. */
  public int pending() {
    return prefix.pending();
  }
}
