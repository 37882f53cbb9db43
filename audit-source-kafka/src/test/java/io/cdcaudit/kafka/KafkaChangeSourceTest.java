package io.cdcaudit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaProducers;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Kafka source")
class KafkaChangeSourceTest {

  private static List<SourceMessage> pollUntil(KafkaChangeSource source, int count) {
    List<SourceMessage> received = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      received.addAll(source.poll(Duration.ofMillis(200)));
    }
    assertThat(received).as("messages received within 60 s").hasSizeGreaterThanOrEqualTo(count);
    return received;
  }

  private static String text(SourceMessage m) {
    return new String(m.value(), StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("commits offsets")
  class Commits {

    @Test
    @DisplayName("never past a message that is not acknowledged: after a gap, everything from the gap comes back")
    void neverPastUnacknowledged() {
      KafkaBroker broker = TestServers.kafka();
      String topic = KafkaTopics.createUnique(broker, "gap", 1);
      String group = "gap-" + UUID.randomUUID();
      try (KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(broker.bootstrapServers())) {
        for (int i = 0; i < 10; i++) {
          KafkaProducers.sendAndWait(producer, topic, "k".getBytes(StandardCharsets.UTF_8), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
      }
      KafkaChangeSource first = QuickSources.source(broker, group, topic);
      List<SourceMessage> received = pollUntil(first, 10);
      List<SourceMessage> acknowledged = new ArrayList<>(received.subList(0, 4));
      acknowledged.addAll(received.subList(5, 10));
      first.acknowledge(acknowledged); // m4 is missing
      first.close();

      KafkaChangeSource second = QuickSources.source(broker, group, topic);
      List<SourceMessage> again = pollUntil(second, 6);
      second.close();

      assertThat(again.stream().map(KafkaChangeSourceTest::text).toList()).startsWith("m4", "m5", "m6", "m7", "m8", "m9");
      assertThat(again.get(0).coordinates().position()).isEqualTo("4");
    }
  }

  @Nested
  @DisplayName("delivers tombstones")
  class Tombstones {

    @Test
    @DisplayName("as messages without a value, so that the decoder can skip them and the pipeline acknowledge them")
    void nullValues() {
      KafkaBroker broker = TestServers.kafka();
      String topic = KafkaTopics.createUnique(broker, "tombstone", 1);
      try (KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(broker.bootstrapServers())) {
        KafkaProducers.sendAndWait(producer, topic, "k".getBytes(StandardCharsets.UTF_8), null);
        KafkaProducers.sendAndWait(producer, topic, "k".getBytes(StandardCharsets.UTF_8), "after".getBytes(StandardCharsets.UTF_8));
      }
      KafkaChangeSource source = QuickSources.source(broker, "tombstone-" + UUID.randomUUID(), topic);
      List<SourceMessage> received = pollUntil(source, 2);
      source.close();

      assertThat(received.get(0).value()).isNull();
      assertThat(received.get(0).key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
      assertThat(text(received.get(1))).isEqualTo("after");
    }
  }

  @Nested
  @DisplayName("is built")
  class Building {

    @Test
    @DisplayName("only with the settings it needs, and names what is wrong")
    void validation() {
      assertThatThrownBy(() -> KafkaChangeSource.builder().groupId("g").topics("t").build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
      assertThatThrownBy(() -> KafkaChangeSource.builder().bootstrapServers("x:1").topics("t").build())
          .hasMessageContaining("group.id");
      assertThatThrownBy(() -> KafkaChangeSource.builder().bootstrapServers("x:1").groupId("g").build())
          .hasMessageContaining("topics(...) or topicPattern(...)");
      assertThatThrownBy(() -> KafkaChangeSource.builder().bootstrapServers("x:1").groupId("g").topics("t")
          .property("enable.auto.commit", "true").build())
          .hasMessageContaining("enable.auto.commit must not be true");
      assertThatThrownBy(() -> KafkaChangeSource.builder().bootstrapServers("x:1").groupId("g").topics("t")
          .property("value.deserializer", "x").build())
          .hasMessageContaining("value.deserializer cannot be set");
    }
  }

  @Nested
  @DisplayName("dead-letter topic")
  class DeadLetters {

    @Test
    @DisplayName("keeps the raw key and value, the original headers, the reason and the coordinates")
    void deadLetterRecord() {
      KafkaBroker broker = TestServers.kafka();
      String topic = KafkaTopics.createUnique(broker, "dlq", 1);
      byte[] raw = "{broken".getBytes(StandardCharsets.UTF_8);
      SourceMessage message = SourceMessage.builder(new io.cdcaudit.source.MessageCoordinates(
              io.cdcaudit.source.SourcePartition.ordered("maxwell", "3"), "1234"))
          .key("k1".getBytes(StandardCharsets.UTF_8))
          .value(raw)
          .header("origin", "maxwell")
          .build();
      Instant failedAt = Instant.parse("2026-11-23T10:00:00Z");

      try (KafkaDeadLetterSink sink = KafkaDeadLetterSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build()) {
        sink.send(List.of(new DeadLetter(message, "undecodable: not JSON at line 1", failedAt)));
      }

      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (records.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(record.value()).isEqualTo(raw);
        assertThat(record.key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(header(record, "origin")).isEqualTo("maxwell");
        assertThat(header(record, KafkaDeadLetterSink.REASON)).isEqualTo("undecodable: not JSON at line 1");
        assertThat(header(record, KafkaDeadLetterSink.SOURCE_STREAM)).isEqualTo("maxwell");
        assertThat(header(record, KafkaDeadLetterSink.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(record, KafkaDeadLetterSink.SOURCE_POSITION)).isEqualTo("1234");
        assertThat(header(record, KafkaDeadLetterSink.FAILED_AT)).isEqualTo("2026-11-23T10:00:00Z");
      }
    }

    @Test
    @DisplayName("is built only with a server and a topic")
    void validation() {
      assertThatThrownBy(() -> KafkaDeadLetterSink.builder().topic("t").build()).hasMessageContaining("bootstrap.servers");
      assertThatThrownBy(() -> KafkaDeadLetterSink.builder().bootstrapServers("x:1").build()).hasMessageContaining("topic is required");
    }

    private String header(ConsumerRecord<byte[], byte[]> record, String name) {
      Header header = record.headers().lastHeader(name);
      return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
  }
}
