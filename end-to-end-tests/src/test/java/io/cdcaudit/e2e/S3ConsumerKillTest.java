package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.SyntheticMaxwellEvents;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Kafka -> S3 pipelines killed with SIGKILL")
class S3ConsumerKillTest {

  private static final int EVENTS = 20_000;
  private static final Path LOGS = Path.of("target", "pipeline-processes");
  private static final Duration POLL = Duration.ofMillis(250);
  /** The pipeline commits every few hundred milliseconds: a trail that did not grow for this long has stopped. */
  private static final Duration STALLED = Duration.ofSeconds(20);
  private static final List<TableRef> TABLES = LongStream.range(0, 4)
      .mapToObj(n -> TableRef.of(SyntheticMaxwellEvents.DATABASE, SyntheticMaxwellEvents.table(n))).toList();

  @Test
  @DisplayName("killed three times at random moments while 20,000 events flow: the bucket and the store's queries hold exactly 20,000 records")
  void killThreeTimes() throws Exception {
    KafkaBroker kafka = TestServers.kafka();
    String topic = KafkaTopics.createUnique(kafka, "s3-kill", 4);
    String group = "s3-kill-" + UUID.randomUUID();
    Random random = new Random(20261217);
    try (AuditBucket trail = AuditBucket.create(TestServers.s3Mock(), "s3-kill");
         KafkaProducer<byte[], byte[]> producer = SyntheticEvents.producer(kafka)) {
      // The events flow while the consumers die: sent in slices, the next once the trail grew (or the killing is over).
      AtomicBoolean killed = new AtomicBoolean();
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        for (int slice = 0; slice < 10; slice++) {
          SyntheticEvents.send(producer, topic, slice * (EVENTS / 10L), (slice + 1) * (EVENTS / 10L));
          long stored = stored(trail);
          await().atMost(Duration.ofMinutes(2)).pollInterval(POLL).until(() -> stored(trail) > stored || killed.get());
        }
      });
      for (int kill = 1; kill <= 3; kill++) {
        long target = Math.min(EVENTS - 1, stored(trail) + 1_000 + random.nextInt(4_000));
        try (PipelineProcess consumer = launch(kafka, topic, group, trail, "s3-kill-" + kill)) {
          await().atMost(Duration.ofMinutes(2)).pollInterval(POLL).until(() -> stored(trail) >= target || !consumer.isAlive());
          assertThat(consumer.isAlive()).as("consumer %d still running when killed", kill).isTrue();
          consumer.kill();
        }
        System.out.printf("S3ConsumerKillTest: consumer %d killed with %s%n", kill, trail.dataObjects());
      }
      killed.set(true);
      sending.get();
      try (PipelineProcess last = launch(kafka, topic, group, trail, "s3-kill-last")) {
        awaitAllOrStalled(trail, last);
        assertThat(last.isAlive()).as("the last consumer still running").isTrue();
      }

      DataObjectLines.Tally bucket = trail.dataObjects();
      List<AuditRecord> queried = new ArrayList<>();
      TABLES.forEach(table -> queried.addAll(trail.queriedRecords(table)));
      long queriedIds = queried.stream().map(r -> r.id().value()).distinct().count();
      System.out.printf("S3ConsumerKillTest: %d data objects, %d raw lines, %d distinct event ids (%d duplicated across"
          + " objects); the store's table queries: %d records, %d distinct ids%n", bucket.objects(), bucket.lines(),
          bucket.distinctIds(), bucket.duplicates(), queried.size(), queriedIds);
      assertThat(bucket.distinctIds()).as("distinct event ids in the data objects").isEqualTo(EVENTS);
      assertThat(queried).as("records the store's table queries return").hasSize(EVENTS);
      assertThat(queriedIds).as("distinct ids the store's table queries return").isEqualTo(EVENTS);
    }
  }

  /**
   * Waits until the bucket holds every event, or its count has not moved for {@link #STALLED}: then the assertions
   * say how many are missing, rather than a timeout.
   */
  private static void awaitAllOrStalled(AuditBucket trail, PipelineProcess last) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long count = -1;
    long movedAt = System.nanoTime();
    while (last.isAlive() && System.nanoTime() < deadline && System.nanoTime() - movedAt < STALLED.toNanos()) {
      long now = stored(trail);
      if (now >= EVENTS) {
        return;
      }
      if (now != count) {
        count = now;
        movedAt = System.nanoTime();
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static long stored(AuditBucket trail) {
    return trail.dataObjects().distinctIds();
  }

  private static PipelineProcess launch(KafkaBroker kafka, String topic, String group, AuditBucket trail, String name)
      throws IOException {
    return PipelineProcess.launch(S3PipelineMain.class, LOGS.resolve(name + ".log"),
        kafka.bootstrapServers(), topic, group, trail.endpoint(), trail.bucket());
  }
}
