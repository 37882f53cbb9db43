package io.cdcaudit.benchmarks.harness;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The ceiling of the source: a plain {@code KafkaConsumer} of a fresh group reads every event once,
 * bytes only, timed from the moment its rebalance listener got all partitions to the last record.
 */
final class RawConsume {

  private RawConsume() {}

  /** A measurement and how late the {@link GroupWatch} saw the assignment, in nanoseconds. */
  record Result(Measurement measurement, long watchLagNanos) {}

  static Measurement run(String bootstrap, String topic, long events, String group, CpuClock clock, Duration timeout)
      throws InterruptedException {
    return runWithLag(bootstrap, topic, events, group, clock, timeout).measurement();
  }

  static Result runWithLag(String bootstrap, String topic, long events, String group, CpuClock clock, Duration timeout)
      throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(BenchKafka.plainConsumerProperties(bootstrap, group));
         GroupWatch watch = GroupWatch.start(bootstrap, group, clock)) {
      long subscribed = System.nanoTime();
      AtomicReference<CpuClock.Reading> assigned = new AtomicReference<>();
      consumer.subscribe(List.of(topic), new Assigned(clock, assigned));
      long count = 0;
      long bytes = 0;
      long deadline = subscribed + timeout.toNanos();
      while (count < events) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          count++;
          bytes += record.value().length;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("raw consume read " + count + " of " + events + " events in " + timeout);
        }
      }
      CpuClock.Reading end = clock.read();
      CpuClock.Reading start = assigned.get();
      if (bytes == 0 || start == null) {
        throw new IllegalStateException("no bytes read, or no assignment seen");
      }
      CpuClock.Reading spent = end.minus(start);
      long lag = watch.assignedAtAsSeen().wallNanos() - start.wallNanos();
      return new Result(new Measurement("raw consume: KafkaConsumer, bytes only", null, count, spent.wallNanos(),
          start.wallNanos() - subscribed, spent.cpuNanos(), spent.serverCpuNanos(), -1, -1, ""), lag);
    }
  }

  /** Notes the clocks when the consumer has every partition of the topic (inside {@code poll}, before any fetch). */
  static final class Assigned implements ConsumerRebalanceListener {
    private final CpuClock clock;
    private final AtomicReference<CpuClock.Reading> at;
    private final AtomicInteger owned = new AtomicInteger();

    Assigned(CpuClock clock, AtomicReference<CpuClock.Reading> at) {
      this.clock = clock;
      this.at = at;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      owned.addAndGet(-partitions.size());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (owned.addAndGet(partitions.size()) >= BenchKafka.PARTITIONS && at.get() == null) {
        at.set(clock.read());
      }
    }
  }
}
