package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.record.AuditRecord;
import java.util.List;
import java.util.function.Consumer;

/** A store the harness measures: its raw bulk write, the naive one-at-a-time insert, and a store for the pipeline. */
interface StoreUnderTest extends AutoCloseable {

  /** {@code memory}, {@code mongo}, ... as in the final lines. */
  String name();

  /** How the raw bulk write is done, for the table. */
  String rawDescription();

  /**
   * Prepares the raw bulk write of {@code records} into a fresh, empty target (whatever encoding it
   * needs is done here, not timed) and returns the write of one bulk, records {@code from} to
   * {@code to}: the harness times the writes of all bulks, from as many threads as the pipeline has
   * workers. Thread-safe.
   */
  BulkWrite prepareRawWrite(List<AuditRecord> records);

  /**
   * How many passes of the raw write to take at most, the median counting: more than one for a write that takes
   * well under the 2 s a measurement needs (memory, S3's few large objects); 1 by default.
   */
  default int rawPasses() {
    return 1;
  }

  /** The write of records {@code from} (inclusive) to {@code to} (exclusive) of the prepared ones. */
  @FunctionalInterface
  interface BulkWrite {
    void write(int from, int to);
  }

  /** A writer of one record at a time into a fresh, empty target: the naive baseline's insert. */
  Consumer<AuditRecord> naiveInsertOne();

  /** What the table's notes should say about the naive run of this store, or {@code ""}. */
  default String naiveNote() {
    return "";
  }

  /** A fresh, empty store for the pipeline, with its count. */
  CountedStore pipelineStore();

  /** What the last target holds, for the notes (Mongo: the mean document size), or {@code ""}. */
  default String describeContents() {
    return "";
  }

  /** Forgets what was written so far (frees memory, drops databases). */
  void reset();

  @Override
  default void close() {}
}
