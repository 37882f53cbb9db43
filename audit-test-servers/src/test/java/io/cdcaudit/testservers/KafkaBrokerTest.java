package io.cdcaudit.testservers;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker of its own: this test stops, kills and restarts it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerTest {

  private static KafkaBroker kafka;

  @BeforeAll
  static void start() {
    long started = System.nanoTime();
    kafka = KafkaBroker.start();
    System.err.printf("Kafka broker started in %.1f s on %s%n", (System.nanoTime() - started) / 1e9,
        kafka.bootstrapServers());
  }

  @AfterAll
  static void close() {
    if (kafka != null) {
      kafka.close();
      assertThat(kafka.isRunning()).isFalse();
      assertThat(kafka.dataDir()).doesNotExist();
    }
  }

  @Test
  @Order(1)
  void starts_on_a_free_loopback_port_and_logs_to_its_own_file() throws Exception {
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    assertThat(kafka.port()).isNotEqualTo(kafka.controllerPort());
    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.logFile()).hasFileName("kafka-" + kafka.port() + ".log");
    assertThat(Files.readString(kafka.logFile())).contains(KafkaBroker.READY_LINE);
  }

  @Test
  @Order(2)
  void a_record_and_a_committed_offset_survive_a_restart() throws Exception {
    String topic = "restart-survivor";
    KafkaTopics.create(kafka.bootstrapServers(), topic, 1, Map.of());
    send(topic, "k1", "v1");
    send(topic, "k2", "v2");

    // a consumer group reads the first record and commits past it
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(kafka, "g-restart"))) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();
      await("the group consumes the first record").atMost(Duration.ofSeconds(60))
          .until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return !seen.isEmpty();
          });
      assertThat(seen.get(0).value()).isEqualTo("v1");
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1)));
    }

    kafka.restart();

    assertThat(kafka.isRunning()).isTrue();
    assertThat(KafkaTopics.readAll(kafka, topic)).extracting(ConsumerRecord::value).containsExactly("v1", "v2");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(kafka, "g-restart"))) {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(partition), Duration.ofSeconds(30));
      assertThat(committed.get(partition).offset()).isEqualTo(1);
    }
  }

  @Test
  @Order(3)
  void after_kill_a_restart_serves_the_old_data_and_new_records() {
    String topic = "kill-survivor";
    KafkaTopics.create(kafka.bootstrapServers(), topic, 1, Map.of());
    send(topic, "k", "before-kill");

    kafka.kill();
    assertThat(kafka.isRunning()).isFalse();
    kafka.restart();

    send(topic, "k", "after-kill");
    assertThat(KafkaTopics.readAll(kafka, topic)).extracting(ConsumerRecord::value)
        .containsExactly("before-kill", "after-kill");
    assertThat(KafkaTopics.readAll(kafka, "restart-survivor")).hasSize(2);
  }

  @Test
  @Order(4)
  void auto_creates_topics_with_four_partitions() {
    send("auto-created", "k", "v");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(kafka, null))) {
      assertThat(consumer.partitionsFor("auto-created", Duration.ofSeconds(10))).hasSize(4);
    }
  }

  private void send(String topic, String key, String value) {
    try (KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(kafka.bootstrapServers())) {
      KafkaProducers.sendAndWait(producer, topic, key.getBytes(StandardCharsets.UTF_8),
          value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Properties consumerProperties(KafkaBroker kafka, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    if (group != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    return p;
  }
}
