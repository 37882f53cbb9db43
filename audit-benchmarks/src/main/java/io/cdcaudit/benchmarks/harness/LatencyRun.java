package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.benchmarks.BenchRecords;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.PipelineListener;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.tck.SyntheticMaxwellEvents;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Commit-to-stored latency at a fixed offered rate: a producer thread publishes synthetic Maxwell
 * events at {@code rate} a second (as Maxwell would right after each commit) while the pipeline
 * runs into the store.
 *
 * <p>The commit time is the moment the event is handed to the producer, on this JVM's
 * {@code System.nanoTime()} clock; the synthetic events carry commit times of one-second
 * resolution, too coarse to measure with. The producer and the pipeline run in the same JVM, so
 * the send time is kept in an array indexed by the event's number, which the listener finds from
 * the record's transaction id ({@code xid = 1000 + n} in {@code SyntheticMaxwellEvents}); the
 * message itself stays exactly as the throughput runs see it. Stored is the moment the listener's
 * {@code onStored} runs, right after the store's {@code append} returned.
 *
 * <p>Before the paced events, 100 probe events are sent and awaited, so that the group has joined
 * and every partition is assigned: the join is start-up, not latency.
 */
final class LatencyRun {

  private static final int PROBES = 100;

  private LatencyRun() {}

  /** Percentiles of all paced events, and of those sent after the first {@value #SETTLE_SECONDS} s ("steady"). */
  record Result(String store, long events, double offeredRate, double p50Millis, double p99Millis, double maxMillis,
                double steadyP50Millis, double steadyP99Millis, double steadyMaxMillis, long peakHeapUsed, long peakHeapAfterGc) {}

  static final int SETTLE_SECONDS = 2;

  static Result run(String storeName, String bootstrap, String topicPrefix, AuditStore store, int rate, Duration duration)
      throws Exception {
    String topic = topicPrefix + "-latency-" + storeName;
    BenchKafka.createTopic(bootstrap, topic);
    int total = (int) (rate * duration.toSeconds());
    AtomicLongArray sent = new AtomicLongArray(total); // written by the producer thread, read by the pipeline's workers
    AtomicLongArray latency = new AtomicLongArray(total);
    AtomicLong probesStored = new AtomicLong();
    AtomicLong pacedStored = new AtomicLong();
    PipelineListener listener = new PipelineListener() {
      @Override
      public void onStored(List<AuditRecord> records, Duration sinceReceived) {
        long now = System.nanoTime();
        for (AuditRecord record : records) {
          long n = Long.parseLong(record.event().transaction().orElseThrow().id()) - 1000;
          long i = n - PROBES;
          if (i < 0) {
            probesStored.incrementAndGet();
          } else if (i < total) {
            latency.set((int) i, now - sent.get((int) i));
            pacedStored.incrementAndGet();
          }
        }
      }
    };
    AuditPipeline pipeline = AuditPipeline.builder()
        .name("bench-latency-" + storeName)
        .source(KafkaChangeSource.builder()
            .properties(BenchKafka.consumerProperties(bootstrap, "bench-latency-" + storeName + "-" + System.nanoTime()))
            .topics(topic)
            .build())
        .decoder(ChangeDecoders.auto())
        .store(store)
        .deadLetters(new InMemoryDeadLetterSink())
        .records(BenchRecords.factory())
        .listener(listener)
        .build();
    HeapProbe heap;
    long pacedStart;
    long pacedEnd;
    try (KafkaProducer<byte[], byte[]> producer = BenchKafka.producer(bootstrap, 0)) {
      pipeline.start();
      for (long n = 0; n < PROBES; n++) {
        producer.send(new ProducerRecord<>(topic, SyntheticMaxwellEvents.key(n), SyntheticMaxwellEvents.event(n)));
      }
      producer.flush();
      awaitCount(probesStored, PROBES, Duration.ofMinutes(3), "probe events stored");
      heap = HeapProbe.start();
      pacedStart = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      int i = 0;
      while (i < total) {
        long due = (System.nanoTime() - pacedStart) / interval + 1; // how many should be out by now
        while (i < total && i < due) {
          long n = PROBES + i;
          ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, SyntheticMaxwellEvents.key(n), SyntheticMaxwellEvents.event(n));
          sent.set(i, System.nanoTime());
          producer.send(record);
          i++;
        }
        LockSupport.parkNanos(100_000);
      }
      pacedEnd = System.nanoTime();
      producer.flush();
      awaitCount(pacedStored, total, Duration.ofMinutes(2), "paced events stored");
    } finally {
      pipeline.stop();
    }
    heap.close();
    long[] values = new long[total];
    for (int k = 0; k < total; k++) {
      values[k] = latency.get(k);
    }
    int settle = Math.min(total - 1, rate * SETTLE_SECONDS);
    long[] steady = Arrays.copyOfRange(values, settle, total);
    Arrays.sort(values);
    Arrays.sort(steady);
    double offered = total * 1e9 / (pacedEnd - pacedStart);
    return new Result(storeName, total, offered, percentile(values, 0.50), percentile(values, 0.99), millis(values[total - 1]),
        percentile(steady, 0.50), percentile(steady, 0.99), millis(steady[steady.length - 1]), heap.peakUsed(), heap.peakAfterGc());
  }

  private static double percentile(long[] sorted, double p) {
    return millis(sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p))]);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void awaitCount(AtomicLong counter, long expected, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counter.get() < expected) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(what + ": " + counter.get() + " of " + expected + " after " + timeout.toSeconds() + " s");
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
