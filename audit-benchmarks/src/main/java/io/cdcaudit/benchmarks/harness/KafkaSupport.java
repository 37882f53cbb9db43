package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.tck.SyntheticMaxwellEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, the preloading producer and the consumer settings every measurement shares. */
final class KafkaSupport {

  static final int PARTITIONS = 4;

  private KafkaSupport() {}

  /**
   * Creates the topic and waits until every partition has a leader: a consumer that subscribes
   * earlier may see fewer partitions and not learn of the others before its next metadata refresh
   * ({@code metadata.max.age.ms}, 5 minutes).
   */
  static void createTopic(String bootstrap, String name) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        TopicDescription d;
        try {
          d = admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          d = null; // created, but not in the broker's metadata yet
        }
        if (d != null && d.partitions().size() == PARTITIONS && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("topic " + name + " has no leader for every partition after 60 s: " + d);
        }
        Thread.sleep(20);
      }
    }
  }

  /** A producer as Maxwell's would be: acks=all, keys by row, batches of up to 256 KiB. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrap, int lingerMs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
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
