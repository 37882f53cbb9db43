package io.cdcaudit.memory;

import io.cdcaudit.source.AcknowledgedPrefix;
import io.cdcaudit.source.SourcePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** One partition of a {@link MemoryLog}: messages by offset and the group's committed position. */
final class Partition {

  private final SourcePartition id;
  private final List<byte[][]> messages = new ArrayList<>();
  private LongFunction<byte[]> generator;
  private long generatedCount;
  // The log's offsets have no gaps, so every offset up to the newest acknowledged one counts as delivered.
  private final AcknowledgedPrefix<Long> acknowledged = AcknowledgedPrefix.ofOffsets();
  private long nextDelivered;

  Partition(SourcePartition id) {
    this.id = id;
  }

  SourcePartition id() {
    return id;
  }

  synchronized void generate(long count, LongFunction<byte[]> values) {
    this.generator = values;
    this.generatedCount = count;
  }

  synchronized void append(byte[] key, byte[] value) {
    if (generator != null) {
      throw new IllegalStateException("cannot publish to a generated partition");
    }
    messages.add(new byte[][] {key, value});
  }

  synchronized long size() {
    return generator != null ? generatedCount : messages.size();
  }

  /** {key, value} at {@code offset}. */
  synchronized byte[][] at(long offset) {
    if (generator != null) {
      return new byte[][] {null, generator.apply(offset)};
    }
    return messages.get((int) offset);
  }

  /** The committed position: the first offset not yet acknowledged as part of the contiguous run. */
  synchronized long committed() {
    return acknowledged.last().map(last -> last + 1).orElse(0L);
  }

  synchronized void acknowledge(long offset) {
    while (nextDelivered <= offset) {
      acknowledged.delivered(nextDelivered++);
    }
    acknowledged.acknowledged(offset);
  }
}
