package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.benchmarks.BenchRecords;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.pipeline.PipelineListener;
import io.cdcaudit.record.AuditRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The library as a user runs it: {@code AuditPipeline} with {@code KafkaChangeSource} (a fresh
 * group), {@code ChangeDecoders.auto()}, the {@link BenchRecords} factory and a store, every
 * pipeline setting at its default. Measured from the moment the group has its partitions
 * ({@link GroupWatch}) to the moment the store said the last record is durable (the listener's
 * {@code onStored}).
 */
final class PipelineRun {

  private PipelineRun() {}

  /** Pipeline settings a run may change; {@code 0} keeps the library's default. */
  record Settings(int parallelism, int batchSize, boolean columnPolicy) {
    static final Settings DEFAULTS = new Settings(0, 0, true);

    io.cdcaudit.pipeline.AuditRecordFactory records() {
      return columnPolicy ? BenchRecords.factory() : BenchRecords.factoryWithoutPolicy();
    }

    /** The pipeline's worker threads with these settings (the library's default: cores, 2 to 8). */
    int effectiveParallelism() {
      return parallelism > 0 ? parallelism : Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    String describe() {
      return (parallelism > 0 ? " parallelism=" + parallelism : "") + (batchSize > 0 ? " batchSize=" + batchSize : "")
          + (columnPolicy ? "" : " NO column policy");
    }
  }

  /** What a run gives besides its measurement. */
  record Outcome(Measurement measurement, PipelineHealth health, long storeCount, String cpuBreakdown) {}

  static Outcome run(String name, String storeName, String bootstrap, String topic, long events, String group,
                     CountedStore target, CpuClock clock, Settings settings, Duration timeout) throws InterruptedException {
    Progress progress = new Progress(events, clock);
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    AuditPipeline.Builder builder = AuditPipeline.builder()
        .name("bench-" + storeName)
        .source(KafkaChangeSource.builder()
            .properties(BenchKafka.consumerProperties(bootstrap, group))
            .topics(topic)
            .build())
        .decoder(ChangeDecoders.auto())
        .store(target.store())
        .deadLetters(deadLetters)
        .records(settings.records())
        .listener(progress);
    if (settings.parallelism() > 0) {
      builder.parallelism(settings.parallelism());
    }
    if (settings.batchSize() > 0) {
      builder.batchSize(settings.batchSize());
    }
    AuditPipeline pipeline = builder.build();
    HeapProbe heap = HeapProbe.start();
    long started = System.nanoTime();
    PipelineHealth health;
    GroupWatch watch = GroupWatch.start(bootstrap, group, clock);
    try {
      pipeline.start();
      if (!progress.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + ": " + progress.finished.get() + " of " + events + " events done in "
            + timeout.toSeconds() + " s; " + pipeline.health());
      }
      health = pipeline.health();
    } finally {
      heap.close();
      watch.close();
      pipeline.stop();
    }
    if (!deadLetters.letters().isEmpty()) {
      throw new IllegalStateException(name + ": " + deadLetters.letters().size() + " dead letters, first: "
          + deadLetters.letters().get(0).reason());
    }
    CpuClock.Reading first = watch.assignedAt();
    CpuClock.Reading spent = progress.last.get().minus(first);
    Measurement m = new Measurement(name, storeName, progress.stored.get(), spent.wallNanos(), first.wallNanos() - started,
        spent.cpuNanos(), spent.serverCpuNanos(), heap.peakUsed(), heap.peakAfterGc(), "");
    return new Outcome(m, health, target.storedCount().getAsLong(), progress.lastThreads.get().since(watch.breakdownAtAssignment(), m.events()));
  }

  /** Counts what the pipeline finished and notes the first and the last moment. */
  private static final class Progress implements PipelineListener {
    final long events;
    final CpuClock clock;
    final AtomicLong stored = new AtomicLong();
    final AtomicLong finished = new AtomicLong();
    final AtomicReference<CpuClock.Reading> last = new AtomicReference<>();
    final AtomicReference<CpuBreakdown> lastThreads = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);

    Progress(long events, CpuClock clock) {
      this.events = events;
      this.clock = clock;
    }

    @Override
    public void onStored(List<AuditRecord> records, Duration sinceReceived) {
      stored.addAndGet(records.size());
      finish(records.size());
    }

    @Override
    public void onSkipped(int count) {
      finish(count);
    }

    @Override
    public void onDeadLettered(int count) {
      finish(count);
    }

    private void finish(int count) {
      if (finished.addAndGet(count) >= events && lastThreads.get() == null && lastThreads.compareAndSet(null, CpuBreakdown.snapshot())) {
        last.set(clock.read());
        done.countDown();
      }
    }
  }
}
