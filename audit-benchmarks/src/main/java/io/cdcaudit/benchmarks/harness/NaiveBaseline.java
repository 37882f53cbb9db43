package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer a user might write without this library: one message at a time, decoded with the
 * same decoder, the record built by the same factory, written with one insert, and its offset
 * committed synchronously before the next message. It is correct (nothing is committed before it
 * is stored) and slow: every message waits for a store round trip and a commit round trip.
 *
 * <p>It runs until it has stored every event or its time is up, whichever comes first: its rate is
 * steady from the first message, and at a few hundred events a second a full backlog would take
 * most of the run.
 */
final class NaiveBaseline {

  private NaiveBaseline() {}

  static Measurement run(String name, String store, String bootstrap, String topic, long events, String group,
                         ChangeDecoder decoder, AuditRecordFactory records, Consumer<AuditRecord> insertOne,
                         CpuClock clock, Duration timeBox) throws DecodeException, InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(BenchKafka.plainConsumerProperties(bootstrap, group))) {
      long subscribed = System.nanoTime();
      java.util.concurrent.atomic.AtomicReference<CpuClock.Reading> assigned = new java.util.concurrent.atomic.AtomicReference<>();
      consumer.subscribe(List.of(topic), new RawConsume.Assigned(clock, assigned));
      CpuClock.Reading first = null;
      long stored = 0;
      long joinDeadline = subscribed + Duration.ofMinutes(3).toNanos();
      long deadline = Long.MAX_VALUE;
      outer:
      while (stored < events) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        if (first == null) {
          if (batch.isEmpty()) {
            if (System.nanoTime() - joinDeadline > 0) {
              throw new IllegalStateException("the naive consumer got nothing in 3 minutes");
            }
            continue;
          }
          first = assigned.get();
          deadline = first.wallNanos() + timeBox.toNanos();
        }
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          SourceMessage message = SourceMessage.builder(new MessageCoordinates(
                  SourcePartition.ordered(record.topic(), Integer.toString(record.partition())), Long.toString(record.offset())))
              .key(record.key())
              .value(record.value())
              .timestamp(Instant.ofEpochMilli(record.timestamp()))
              .build();
          Decoded decoded = decoder.decode(message);
          if (decoded instanceof Decoded.Change change) {
            Optional<AuditRecord> auditRecord = records.toRecord(change.event());
            auditRecord.ifPresent(insertOne);
          }
          consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)));
          stored++;
          if (stored == events || System.nanoTime() - deadline > 0) {
            break outer;
          }
        }
      }
      CpuClock.Reading spent = clock.read().minus(first);
      String note = stored < events ? "time-boxed: first " + stored + " events in " + timeBox.toSeconds() + " s" : "";
      return new Measurement(name, store, stored, spent.wallNanos(), first.wallNanos() - subscribed,
          spent.cpuNanos(), spent.serverCpuNanos(), -1, -1, note);
    }
  }
}
