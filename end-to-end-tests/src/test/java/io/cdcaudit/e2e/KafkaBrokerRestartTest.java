package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaTopics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A Kafka broker restarted mid-stream")
class KafkaBrokerRestartTest {

  private static final int EVENTS = 20_000;

  @Test
  @DisplayName("loses nothing and doubles nothing: the pipeline reconnects and the store holds every event once")
  void brokerRestart() throws Exception {
    InMemoryAuditStore store = new InMemoryAuditStore();
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    try (KafkaBroker broker = KafkaBroker.start()) {
      String topic = KafkaTopics.createUnique(broker, "restart", 4);
      try (KafkaProducer<byte[], byte[]> producer = SyntheticEvents.producer(broker);
           AuditPipeline pipeline = AuditPipeline.builder()
               .source(KafkaChangeSource.builder().bootstrapServers(broker.bootstrapServers()).groupId("restart").topics(topic).build())
               .decoder(ChangeDecoders.auto())
               .store(store)
               .deadLetters(deadLetters)
               .build()) {
        pipeline.start();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> SyntheticEvents.send(producer, topic, 0, EVENTS));
        await().atMost(Duration.ofMinutes(2)).until(() -> store.count() >= EVENTS / 4);

        broker.stop();
        broker.restart();

        sending.get();
        await().atMost(Duration.ofMinutes(3)).until(() -> store.count() >= EVENTS
            && pipeline.health().inFlightMessages() == 0 && pipeline.health().lag() == 0);
        assertThat(pipeline.health().state().name()).isIn("RUNNING", "BACKING_OFF");
      }
    }
    assertThat(deadLetters.letters()).isEmpty();
    assertThat(store.count()).isEqualTo(EVENTS);
  }
}
