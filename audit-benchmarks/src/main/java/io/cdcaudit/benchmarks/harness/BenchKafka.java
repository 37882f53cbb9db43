package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.tck.SyntheticMaxwellEvents;
import io.cdcaudit.testservers.KafkaProducers;
import io.cdcaudit.testservers.KafkaTopics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The topic shape, the preloading producer and the consumer settings every measurement shares. */
final class BenchKafka {

  static final int PARTITIONS = 4;

  private BenchKafka() {}

  /** Creates the topic with {@value #PARTITIONS} partitions and waits until every partition has a leader. */
  static void createTopic(String bootstrap, String name) {
    KafkaTopics.create(bootstrap, name, PARTITIONS, Map.of());
  }

  /**
   * A producer on the tests' settings ({@link KafkaProducers}, acks=all) but with Kafka's own idempotence and five
   * requests in flight, as the figures of BENCHMARKS.md were measured (a benchmark's topic is made and preloaded
   * before the broker is busy, where the tests' caution is not needed), keying by row as Maxwell does, in batches of
   * up to 256 KiB.
   */
  static KafkaProducer<byte[], byte[]> producer(String bootstrap, int lingerMs) {
    return KafkaProducers.create(bootstrap, Map.of(
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
        ProducerConfig.LINGER_MS_CONFIG, lingerMs,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
  }

  /** Writes synthetic Maxwell events {@code 0 .. events-1} (keyed as Maxwell keys them) and waits for every ack; returns their bytes. */
  static long preload(String bootstrap, String topic, long events) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong bytes = new AtomicLong();
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap, 20)) {
      for (long n = 0; n < events && failure.get() == null; n++) {
        byte[] value = SyntheticMaxwellEvents.event(n);
        bytes.addAndGet(value.length);
        producer.send(new ProducerRecord<>(topic, SyntheticMaxwellEvents.key(n), value), (meta, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("preloading " + topic + " failed", failure.get());
    }
    return bytes.get();
  }

  /**
   * The consumer settings of every consumer of a run, the library's source included: Kafka's
   * defaults (max.poll.records 500, fetch sizes), a fresh group, reading from the start.
   */
  static Map<String, Object> consumerProperties(String bootstrap, String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  /** {@link #consumerProperties} with byte-array deserializers, for the plain consumers. */
  static Map<String, Object> plainConsumerProperties(String bootstrap, String group) {
    Map<String, Object> props = consumerProperties(bootstrap, group);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }
}
