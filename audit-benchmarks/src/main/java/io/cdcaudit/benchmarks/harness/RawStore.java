package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.benchmarks.BenchRecords;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.tck.SyntheticMaxwellEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The ceiling of a store: its bulk write of the records of the run, built beforehand (not timed). */
final class RawStore {

  static final int BULK = 1_000;

  private RawStore() {}

  /** The audit records of synthetic events {@code 0 .. events-1}, as the pipeline makes them. */
  static List<AuditRecord> records(long events) throws DecodeException {
    ChangeDecoder decoder = ChangeDecoders.auto();
    AuditRecordFactory factory = BenchRecords.factory();
    List<AuditRecord> out = new ArrayList<>((int) events);
    SourcePartition partition = SourcePartition.ordered("prebuilt", "0");
    for (long n = 0; n < events; n++) {
      SourceMessage message = SourceMessage.builder(new MessageCoordinates(partition, Long.toString(n)))
          .key(SyntheticMaxwellEvents.key(n))
          .value(SyntheticMaxwellEvents.event(n))
          .build();
      factory.toRecord(((Decoded.Change) decoder.decode(message)).event()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Prepares (not timed) and runs (timed) the store's raw bulk write of {@code records}, in bulks of
   * {@value #BULK} taken in turn by {@code threads} threads: as many as the pipeline's workers,
   * which write their batches concurrently too.
   */
  static Measurement run(StoreUnderTest store, List<AuditRecord> records, int threads, CpuClock clock) throws InterruptedException {
    StoreUnderTest.BulkWrite write = store.prepareRawWrite(records);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      writers.add(new Thread(() -> {
        try {
          for (int from; (from = next.getAndAdd(BULK)) < records.size(); ) {
            write.write(from, Math.min(records.size(), from + BULK));
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-raw-writer-" + t));
    }
    CpuClock.Reading start = clock.read();
    writers.forEach(Thread::start);
    for (Thread w : writers) {
      w.join();
    }
    CpuClock.Reading spent = clock.read().minus(start);
    if (failure.get() != null) {
      throw failure.get();
    }
    return new Measurement("raw store: " + store.rawDescription() + ", " + threads + (threads == 1 ? " thread" : " threads"),
        store.name(), records.size(), spent.wallNanos(), 0, spent.cpuNanos(), spent.serverCpuNanos(), -1, -1, "");
  }
}
