package io.cdcaudit.memory;

import io.cdcaudit.source.SourcePartition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongFunction;

/** One partition of a {@link MemoryLog}: messages by offset and the group's committed position. */
final class Partition {

  private final SourcePartition id;
  private final List<byte[][]> messages = new ArrayList<>();
  private LongFunction<byte[]> generator;
  private long generatedCount;
  private long committed;
  // Acknowledged offsets at or after `committed`, relative to it; the committed position moves over the contiguous run.
  private final BitSet acknowledged = new BitSet();

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

  synchronized long committed() {
    return committed;
  }

  synchronized void acknowledge(long offset) {
    if (offset < committed) {
      return;
    }
    long relative = offset - committed;
    if (relative > Integer.MAX_VALUE - 1) {
      throw new IllegalStateException("too many unacknowledged messages in " + id);
    }
    acknowledged.set((int) relative);
    int run = acknowledged.nextClearBit(0);
    if (run > 0) {
      committed += run;
      BitSet rest = acknowledged.get(run, Math.max(run, acknowledged.length()));
      acknowledged.clear();
      acknowledged.or(rest);
    }
  }
}
