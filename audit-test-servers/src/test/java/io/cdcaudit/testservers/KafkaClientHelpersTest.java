package io.cdcaudit.testservers;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** KafkaTopics and KafkaProducers on the shared broker. */
class KafkaClientHelpersTest {

  private static final KafkaBroker KAFKA = TestServers.kafka();

  @Test
  void a_created_topic_has_a_leader_for_every_partition_and_its_configs() throws Exception {
    String topic = KafkaTopics.createUnique(KAFKA, "leaders", 3, Map.of("max.message.bytes", "65536"));

    assertThat(topic).matches("leaders-[0-9a-f]{8}");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.leader()).isNotNull());
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      assertThat(admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("max.message.bytes").value())
          .isEqualTo("65536");
    }
  }

  @Test
  void a_topic_the_broker_refuses_fails_with_its_name() {
    String topic = KafkaTopics.createUnique(KAFKA, "twice", 1);
    assertThatIllegalStateException()
        .isThrownBy(() -> KafkaTopics.create(KAFKA.bootstrapServers(), topic, 1, Map.of()))
        .withMessageContaining(topic);
  }

  @Test
  void records_sent_and_acknowledged_read_back_whole_in_order() {
    String topic = KafkaTopics.createUnique(KAFKA, "roundtrip", 1);
    try (KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(KAFKA.bootstrapServers())) {
      for (String value : List.of("a", "b", "c")) {
        KafkaProducers.sendAndWait(producer, topic, bytes("k"), bytes(value));
      }
      KafkaProducers.sendAndWait(producer, topic, bytes("k"), null);
    }

    List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(KAFKA, topic);

    assertThat(records).extracting(ConsumerRecord::value).containsExactly("a", "b", "c", null);
    assertThat(records).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L);
    assertThat(KafkaTopics.readAll(KAFKA, topic + "-unknown")).isEmpty();
  }

  @Test
  void the_producer_is_not_idempotent_and_keeps_order_with_one_request_in_flight() {
    Map<String, Object> settings = KafkaProducers.settings(KAFKA.bootstrapServers());

    assertThat(settings).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)
        .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
