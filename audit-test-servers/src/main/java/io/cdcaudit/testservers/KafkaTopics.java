package io.cdcaudit.testservers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Topics of a test broker: created ready to use (every partition has a leader), and read back whole. Needs
 * {@code org.apache.kafka:kafka-clients} on the caller's classpath (optional here).
 */
public final class KafkaTopics {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private KafkaTopics() {
  }

  /** Creates a topic named {@code <prefix>-<8 random hex digits>} (see {@link #create}) and returns the name. */
  public static String createUnique(KafkaBroker broker, String prefix, int partitions) {
    return createUnique(broker, prefix, partitions, Map.of());
  }

  /** As {@link #createUnique(KafkaBroker, String, int)}, with topic configs ({@code max.message.bytes}, ...). */
  public static String createUnique(KafkaBroker broker, String prefix, int partitions, Map<String, String> configs) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    create(broker.bootstrapServers(), name, partitions, configs);
    return name;
  }

  /**
   * Creates the topic (replication factor 1) and waits until every partition has a leader. A consumer that
   * subscribes earlier may see fewer partitions, and learn of the others only at its next metadata refresh
   * ({@code metadata.max.age.ms}, 5 minutes); a producer's first batch to a partition without a leader waits or
   * fails.
   *
   * @throws IllegalStateException when the broker refuses the topic, or a partition has no leader after 60 s
   */
  public static void create(String bootstrapServers, String name, int partitions, Map<String, String> configs) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      TopicDescription description = describe(admin, name);
      while (!hasEveryLeader(description, partitions)) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("topic " + name + " has no leader for every partition after "
              + TIMEOUT.toSeconds() + " s: " + description);
        }
        TimeUnit.MILLISECONDS.sleep(20); // a leader is elected within milliseconds; ask again soon
        description = describe(admin, name);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name + " on " + bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  /** The topic as the broker's metadata has it, or {@code null} while it is created but not there yet. */
  private static TopicDescription describe(Admin admin, String name)
      throws ExecutionException, InterruptedException, TimeoutException {
    try {
      return admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(name);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  private static boolean hasEveryLeader(TopicDescription description, int partitions) {
    return description != null && description.partitions().size() == partitions
        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  /**
   * Every record of {@code topic} from the beginning to its end as of now, in (partition, offset) order, as strings.
   * Read by an assigned consumer without a group, so there is no group join to wait for and no offset left behind.
   * An unknown topic reads as empty (and is not created by reading it).
   *
   * @throws IllegalStateException when the end is not reached within 60 s
   */
  public static List<ConsumerRecord<String, String>> readAll(KafkaBroker broker, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (partitions == null || partitions.isEmpty()) {
        return List.of();
      }
      List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("could not read " + topic + " to its end " + end);
        }
        consumer.poll(POLL).forEach(records::add);
      }
      records.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }
}
