package io.cdcaudit.memory;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.SourcePartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * An in-memory, Kafka-like log for tests and development: a stream of partitions, each an
 * append-only list of messages, and one consumer group whose committed positions survive the
 * sources that read it. {@link #openSource()} gives a {@link ChangeSource} that starts at the
 * committed positions, so what a closed (or "crashed") source did not acknowledge is delivered
 * again. Faults can be injected through {@link #faults()}.
 *
 * <p>Partitions may also be generated on the fly ({@link #generated}), so that a million
 * messages need not be held in memory.
 */
public final class MemoryLog {

  private final String stream;
  private final boolean ordered;
  private final List<Partition> partitions = new ArrayList<>();
  private final Faults faults = new Faults();

  private MemoryLog(String stream, int partitionCount, boolean ordered) {
    if (partitionCount < 1) {
      throw new IllegalArgumentException("a log needs at least one partition, got " + partitionCount);
    }
    this.stream = Objects.requireNonNull(stream, "stream");
    this.ordered = ordered;
    for (int i = 0; i < partitionCount; i++) {
      SourcePartition id = ordered ? SourcePartition.ordered(stream, Integer.toString(i)) : SourcePartition.unordered(stream);
      partitions.add(new Partition(id));
    }
  }

  /**
   * A log of {@code partitions} ordered partitions, like a Kafka topic.
   *
   * @param stream the log's name, the stream of its partitions (like a topic name)
   * @param partitions how many partitions
   * @return the empty log
   */
  public static MemoryLog ordered(String stream, int partitions) {
    return new MemoryLog(stream, partitions, true);
  }

  /**
   * A log that keeps no order, like an SQS standard queue.
   *
   * @param stream the log's name
   * @return the empty log
   */
  public static MemoryLog unordered(String stream) {
    return new MemoryLog(stream, 1, false);
  }

  /**
   * A log of {@code partitions} ordered partitions, each holding {@code perPartition} messages
   * made on demand by {@code value(partition * perPartition + offset)}; nothing can be published
   * to it.
   *
   * @param stream the log's name
   * @param partitions how many partitions
   * @param perPartition how many messages each partition holds
   * @param value the message at a global index; called on every read, so it must be cheap and deterministic
   * @return the log
   */
  public static MemoryLog generated(String stream, int partitions, long perPartition, LongFunction<byte[]> value) {
    MemoryLog log = new MemoryLog(stream, partitions, true);
    for (int p = 0; p < partitions; p++) {
      long base = p * perPartition;
      log.partitions.get(p).generate(perPartition, offset -> value.apply(base + offset));
    }
    return log;
  }

  /**
   * Appends a message to the partition chosen by its key, as Kafka's default partitioner would.
   *
   * @param key the message key, which picks the partition
   * @param value the message bytes
   */
  public void publish(String key, byte[] value) {
    int p = key == null ? 0 : Math.floorMod(key.hashCode(), partitions.size());
    partitions.get(p).append(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  /**
   * Appends a message to partition {@code partition}.
   *
   * @param partition the partition, from 0
   * @param key the message key, or {@code null}
   * @param value the message bytes
   */
  public void publish(int partition, byte[] key, byte[] value) {
    partitions.get(partition).append(key, value);
  }

  /**
   * Appends a UTF-8 text message to the partition chosen by its key.
   *
   * @param key the message key, which picks the partition
   * @param value the message text
   */
  public void publish(String key, String value) {
    publish(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A new reader, starting at the committed positions.
   *
   * @return a source over this log; several may be open, as several consumers of one group
   */
  public MemoryChangeSource openSource() {
    return new MemoryChangeSource(this);
  }

  /**
   * The faults to inject into sources of this log.
   *
   * @return the faults, shared by every source of this log
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Messages in all partitions.
   *
   * @return the number of messages published
   */
  public long size() {
    long n = 0;
    for (Partition p : partitions) {
      n += p.size();
    }
    return n;
  }

  /**
   * Messages not yet committed (acknowledged as a contiguous prefix), over all partitions.
   *
   * @return the number of messages no source has committed yet
   */
  public long uncommitted() {
    long n = 0;
    for (Partition p : partitions) {
      n += p.size() - p.committed();
    }
    return n;
  }

  String stream() {
    return stream;
  }

  boolean ordered() {
    return ordered;
  }

  List<Partition> partitions() {
    return partitions;
  }

  /** Faults the sources of a log inject. Counts are consumed as faults happen. Thread-safe. */
  public static final class Faults {
    private final AtomicInteger failingPolls = new AtomicInteger();
    private final AtomicInteger failingAcknowledgements = new AtomicInteger();
    private final AtomicInteger droppedAcknowledgements = new AtomicInteger();
    private volatile String refusal;

    /**
     * The next {@code n} polls throw a {@code SourceException}.
     *
     * @param n how many polls fail
     * @return these faults
     */
    public Faults failPolls(int n) {
      failingPolls.set(n);
      return this;
    }

    /**
     * The next {@code n} acknowledgements throw a {@code SourceException} and commit nothing.
     *
     * @param n how many acknowledgements fail
     * @return these faults
     */
    public Faults failAcknowledgements(int n) {
      failingAcknowledgements.set(n);
      return this;
    }

    /**
     * The next {@code n} acknowledgements are lost without an error, as when a process dies right
     * after the store said "durable" and before the commit reached the broker.
     *
     * @param n how many acknowledgements are lost
     * @return these faults
     */
    public Faults loseAcknowledgements(int n) {
      droppedAcknowledgements.set(n);
      return this;
    }

    /**
     * From now on every poll throws a {@code SourceException} that says the source is
     * {@linkplain io.cdcaudit.source.SourceException#isUnusable() unusable}, as with bad credentials.
     *
     * @param reason the error's message
     * @return these faults
     */
    public Faults refusePolls(String reason) {
      refusal = reason;
      return this;
    }

    String refusal() {
      return refusal;
    }

    boolean takePollFailure() {
      return take(failingPolls);
    }

    boolean takeAcknowledgementFailure() {
      return take(failingAcknowledgements);
    }

    boolean takeLostAcknowledgement() {
      return take(droppedAcknowledgements);
    }

    private static boolean take(AtomicInteger counter) {
      return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
  }
}
