package io.cdcaudit.kafka;

import io.cdcaudit.testservers.KafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics and producers for tests against a real broker. */
final class KafkaTopics {

  private KafkaTopics() {}

  /** Creates a fresh topic with a unique name and returns the name. */
  static String create(KafkaBroker broker, String prefix, int partitions) {
    return create(broker, prefix, partitions, Map.of());
  }

  /** Creates a fresh topic with these topic configs ({@code max.message.bytes}, ...) and returns the name. */
  static String create(KafkaBroker broker, String prefix, int partitions, Map<String, String> configs) {
    return createNamed(broker, prefix + "-" + UUID.randomUUID().toString().substring(0, 8), partitions, configs);
  }

  /** Creates the topic {@code name} and returns the name. */
  static String createNamed(KafkaBroker broker, String name, int partitions, Map<String, String> configs) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name, e);
    }
    return name;
  }

  static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker) {
    return producer(broker, 1_048_576);
  }

  /** A producer that sends records up to {@code maxRequestSize} bytes. */
  static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker, int maxRequestSize) {
    return new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize,
        ProducerConfig.ACKS_CONFIG, "all",
        // Not idempotent: on a just-created topic of a loaded single-node broker, the idempotent
        // producer was seen stuck retrying a first batch (OutOfOrderSequence) until it expired.
        // One request in flight keeps the order; a retried duplicate is harmless to these tests.
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
  }

  static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  /** A source reading {@code topic} in group {@code group}, tuned for quick tests. */
  static KafkaChangeSource source(KafkaBroker broker, String group, String topic) {
    return KafkaChangeSource.builder()
        .bootstrapServers(broker.bootstrapServers())
        .groupId(group)
        .topics(topic)
        .property("session.timeout.ms", 10_000)
        .property("heartbeat.interval.ms", 1_000)
        .build();
  }
}
