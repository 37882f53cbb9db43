package io.cdcaudit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.Backoff;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.tck.TestChanges;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaProducers;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Kafka source tells what is wrong instead of returning nothing")
class KafkaFailuresTest {

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort(); // nobody listens once it is closed
    }
  }

  @Test
  @DisplayName("with no broker at bootstrap.servers, the pipeline is BACKING_OFF with an error that says so")
  void unreachableBroker() throws IOException {
    String servers = "127.0.0.1:" + closedPort();
    KafkaChangeSource source = KafkaChangeSource.builder()
        .bootstrapServers(servers)
        .groupId("g-" + UUID.randomUUID())
        .topics("maxwell")
        .reachabilityCheck(Duration.ofMillis(300))
        .build();
    try (AuditPipeline pipeline = AuditPipeline.builder()
        .source(source)
        .decoder(TestChanges.decoder())
        .store(new InMemoryAuditStore())
        .deadLetters(new InMemoryDeadLetterSink())
        .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.0, 0))
        .build()) {
      pipeline.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.health().state() == PipelineHealth.State.BACKING_OFF);
      PipelineHealth health = pipeline.health();
      assertThat(health.lastError()).contains("no broker of bootstrap.servers=" + servers).contains("unreachable");
      assertThat(health.isHealthy()).isFalse();
      assertThat(health.backingOffSince()).isNotNull();
    }
  }

  @Test
  @DisplayName("a topic that does not exist is named, and reading starts once it is created")
  void missingTopic() {
    KafkaBroker broker = TestServers.kafka();
    String topic = "missing-" + UUID.randomUUID().toString().substring(0, 8);
    try (KafkaChangeSource source = KafkaChangeSource.builder()
        .bootstrapServers(broker.bootstrapServers())
        .groupId("g-" + UUID.randomUUID())
        .topics(topic)
        .property("allow.auto.create.topics", false)
        .reachabilityCheck(Duration.ofMillis(200))
        .build()) {
      List<SourceException> errors = new ArrayList<>();
      String missing = "topic [" + topic + "] does not exist";
      // The first probe of a new consumer may also time out on a busy machine (200 ms): the missing
      // topic must be named soon after, and no error may call the source unusable.
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        try {
          source.poll(Duration.ofMillis(100));
        } catch (SourceException e) {
          errors.add(e);
        }
        return errors.stream().anyMatch(e -> e.getMessage().contains(missing));
      });
      assertThat(errors).allSatisfy(e -> assertThat(e.isUnusable()).as(e.getMessage()).isFalse());
      assertThat(errors).allSatisfy(e -> assertThat(e.getMessage()).containsAnyOf(missing, "the cluster is unreachable"));

      KafkaTopics.create(broker.bootstrapServers(), topic, 1, Map.of());
      try (KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(broker.bootstrapServers())) {
        KafkaProducers.sendAndWait(producer, topic, null, "hello".getBytes(StandardCharsets.UTF_8));
      }
      List<SourceMessage> received = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        try {
          received.addAll(source.poll(Duration.ofMillis(200)));
        } catch (SourceException notYet) {
          // the consumer's metadata may lag the creation for a moment
        }
        return !received.isEmpty();
      });
      assertThat(new String(received.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  @DisplayName("a consumer the broker cannot authenticate is unusable: no retry mends it")
  void failedAuthentication() {
    KafkaBroker broker = TestServers.kafka();
    try (KafkaChangeSource source = KafkaChangeSource.builder()
        .bootstrapServers(broker.bootstrapServers())
        .groupId("g-" + UUID.randomUUID())
        .topics("anything")
        // SASL against the broker's plaintext listener: the handshake fails as bad credentials do.
        .property("security.protocol", "SASL_PLAINTEXT")
        .property("sasl.mechanism", "PLAIN")
        .property("sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"audit\" password=\"wrong\";")
        .reachabilityCheck(Duration.ofMillis(200))
        .build()) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> source.poll(Duration.ofMillis(200)))
          .isInstanceOf(SourceException.class)
          .satisfies(e -> assertThat(((SourceException) e).isUnusable()).as("unusable: " + e).isTrue()));
    }
  }
}
