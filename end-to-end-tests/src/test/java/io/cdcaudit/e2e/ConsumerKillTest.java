package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pipelines killed with SIGKILL")
class ConsumerKillTest {

  private static final int EVENTS = 50_000;
  private static final Path LOGS = Path.of("target", "pipeline-processes");

  @Test
  @DisplayName("killed five times at random moments while 50,000 events flow: the store ends with exactly 50,000 records")
  void killFiveTimes() throws Exception {
    KafkaBroker kafka = TestServers.kafka();
    String topic = KafkaTopics.createUnique(kafka, "kill", 4);
    String group = "kill-" + UUID.randomUUID();
    Random random = new Random(20261123);
    try (AuditMongo mongo = AuditMongo.start();
         KafkaProducer<byte[], byte[]> producer = SyntheticEvents.producer(kafka)) {
      // The events flow while the consumers die: sent in slices, a slice per consumer life.
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        for (int slice = 0; slice < 10; slice++) {
          SyntheticEvents.send(producer, topic, slice * (EVENTS / 10L), (slice + 1) * (EVENTS / 10L));
          long stored = mongo.store().count();
          await().atMost(Duration.ofMinutes(2)).until(() -> mongo.store().count() > stored || mongo.store().count() >= EVENTS);
        }
      });
      for (int kill = 1; kill <= 5; kill++) {
        long before = mongo.store().count();
        long target = Math.min(EVENTS - 1, before + 1_000 + random.nextInt(6_000));
        try (PipelineProcess consumer = PipelineProcess.launch(kafka.bootstrapServers(), topic, group, mongo.uri(),
            LOGS.resolve("kill-" + kill + ".log"))) {
          await().atMost(Duration.ofMinutes(2)).until(() -> mongo.store().count() >= target || !consumer.isAlive());
          assertThat(consumer.isAlive()).as("consumer %d still running when killed", kill).isTrue();
          consumer.kill();
        }
      }
      sending.get();
      try (PipelineProcess last = PipelineProcess.launch(kafka.bootstrapServers(), topic, group, mongo.uri(), LOGS.resolve("kill-last.log"))) {
        await().atMost(Duration.ofMinutes(3)).until(() -> mongo.store().count() >= EVENTS);
        assertThat(last.isAlive()).isTrue();
      }
      assertThat(mongo.store().count()).isEqualTo(EVENTS);
    }
  }
}
