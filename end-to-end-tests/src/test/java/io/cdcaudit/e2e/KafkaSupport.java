package io.cdcaudit.e2e;

import io.cdcaudit.tck.SyntheticMaxwellEvents;
import io.cdcaudit.testservers.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics and producers of synthetic Maxwell events for the end-to-end fault tests. */
final class KafkaSupport {

  private KafkaSupport() {}

  static String createTopic(KafkaBroker broker, String prefix, int partitions) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    return name;
  }

  /**
   * A producer that rides out a broker restart (it retries for up to three minutes). Not
   * idempotent: on a just-created topic of a loaded single-node broker the idempotent producer was
   * seen stuck on OutOfOrderSequence until its batch expired. A retried duplicate in the topic is
   * what Maxwell can produce too; the store keeps one record per event id.
   */
  static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker) {
    return new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  /** Sends synthetic Maxwell events {@code from} (inclusive) to {@code to} (exclusive) and waits for all acks. */
  static void sendEvents(KafkaProducer<byte[], byte[]> producer, String topic, long from, long to) {
    for (long n = from; n < to; n++) {
      producer.send(new ProducerRecord<>(topic, SyntheticMaxwellEvents.key(n), SyntheticMaxwellEvents.event(n)), (meta, error) -> {
        if (error != null) {
          throw new IllegalStateException("a test event was not sent", error);
        }
      });
    }
    producer.flush();
  }
}
