package io.cdcaudit.kafka;

import io.cdcaudit.kafka.internal.PartitionOffsets;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@link ChangeSource} over a Kafka consumer group: the topics Maxwell or Debezium write to.
 *
 * <p>Offsets are committed only for acknowledged messages, never past a message of the same
 * partition that is not acknowledged yet (also when partitions are revoked in a rebalance), so a
 * crash at any moment makes the group deliver again exactly what was not stored. Scale out by
 * running more instances with the same {@code group.id}: Kafka shares the partitions among them
 * and each partition keeps its order.
 *
 * <pre>{@code
 * ChangeSource source = KafkaChangeSource.builder()
 *     .bootstrapServers("kafka:9092")
 *     .groupId("audit-trail")
 *     .topics("maxwell")
 *     .build();
 * }</pre>
 *
 * <p>Auto-commit is always off (the library commits); {@code auto.offset.reset} defaults to
 * {@code earliest} so that a new group audits what the topic holds rather than skip it. Like a
 * {@code KafkaConsumer}, an instance must be used from one thread, which the pipeline does.
 */
public final class KafkaChangeSource implements ChangeSource {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, PartitionOffsets> owned = new HashMap<>();
  private final Map<TopicPartition, SourcePartition> partitionIds = new HashMap<>();
  private final String description;
  private boolean paused;
  private boolean closed;

  private KafkaChangeSource(Builder b) {
    Properties props = new Properties();
    props.putAll(b.properties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(props);
    this.description = "KafkaChangeSource[group=" + props.get(ConsumerConfig.GROUP_ID_CONFIG) + ", "
        + (b.pattern != null ? "pattern=" + b.pattern : "topics=" + b.topics) + "]";
    ConsumerRebalanceListener listener = new Rebalance();
    if (b.pattern != null) {
      consumer.subscribe(b.pattern, listener);
    } else {
      consumer.subscribe(b.topics, listener);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<SourceMessage> poll(Duration timeout) {
    checkOpen();
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (KafkaException e) {
      throw new SourceException(description + ": poll failed: " + e.getMessage(), e);
    }
    if (records.isEmpty()) {
      return List.of();
    }
    List<SourceMessage> out = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      // The consumer returns records only of partitions it owns, so a record is never dropped here:
      // dropping it would let a later commit pass over it.
      owned.computeIfAbsent(tp, p -> new PartitionOffsets()).delivered(record.offset());
      SourceMessage.Builder message = SourceMessage.builder(new MessageCoordinates(partitionId(tp), Long.toString(record.offset())))
          .key(record.key())
          .value(record.value())
          .timestamp(record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null)
          .receipt(new Receipt(tp, record.offset()));
      for (Header header : record.headers()) {
        if (header.value() != null) {
          message.header(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
      }
      out.add(message.build());
    }
    return out;
  }

  @Override
  public void acknowledge(List<SourceMessage> messages) {
    checkOpen();
    for (SourceMessage message : messages) {
      if (!(message.receipt() instanceof Receipt receipt)) {
        throw new IllegalArgumentException("not a message of a KafkaChangeSource: " + message);
      }
      PartitionOffsets offsets = owned.get(receipt.partition);
      if (offsets != null) {
        offsets.acknowledged(receipt.offset);
      }
    }
    Map<TopicPartition, OffsetAndMetadata> commits = committable(owned.keySet());
    if (commits.isEmpty()) {
      return;
    }
    try {
      consumer.commitAsync(commits, (done, error) -> {
        if (error == null) {
          done.forEach((tp, offset) -> {
            PartitionOffsets offsets = owned.get(tp);
            if (offsets != null) {
              offsets.committed(offset.offset());
            }
          });
        }
        // A failed asynchronous commit is superseded by the next one, or by the synchronous
        // commit on revocation and close; the messages it covered may be delivered again.
      });
    } catch (KafkaException e) {
      throw new SourceException(description + ": commit failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void pause() {
    paused = true;
    consumer.pause(consumer.assignment());
  }

  @Override
  public void resume() {
    paused = false;
    consumer.resume(consumer.paused());
  }

  @Override
  public OptionalLong lag() {
    long lag = 0;
    boolean known = false;
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong partitionLag = consumer.currentLag(tp);
      if (partitionLag.isPresent()) {
        lag += partitionLag.getAsLong();
        known = true;
      }
    }
    return known ? OptionalLong.of(lag) : OptionalLong.empty();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      commitSync(owned.keySet());
    } catch (KafkaException e) {
      // Not committed: the next owner reads these messages again, and the store keeps one copy.
    } finally {
      consumer.close(CLOSE_TIMEOUT);
    }
  }

  @Override
  public String toString() {
    return description;
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      PartitionOffsets offsets = owned.get(tp);
      if (offsets != null && offsets.toCommit() >= 0) {
        commits.put(tp, new OffsetAndMetadata(offsets.toCommit()));
      }
    }
    return commits;
  }

  private void commitSync(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> commits = committable(partitions);
    if (!commits.isEmpty()) {
      consumer.commitSync(commits);
      commits.forEach((tp, offset) -> owned.get(tp).committed(offset.offset()));
    }
  }

  private SourcePartition partitionId(TopicPartition tp) {
    return partitionIds.computeIfAbsent(tp, p -> SourcePartition.ordered(p.topic(), Integer.toString(p.partition())));
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(description + " is closed");
    }
  }

  private record Receipt(TopicPartition partition, long offset) {}

  /** Runs inside {@code poll}, on the consumer's thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        // Hand over exactly what is stored: the next owner starts at the first unacknowledged message.
        commitSync(partitions);
      } catch (KafkaException e) {
        // The next owner reads from the last commit; the store keeps one copy of what it re-reads.
      } finally {
        partitions.forEach(owned::remove);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(owned::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        owned.put(tp, new PartitionOffsets());
      }
      if (paused) {
        consumer.pause(partitions);
      }
    }
  }

  /** Builds a {@link KafkaChangeSource}. */
  public static final class Builder {
    private final Map<String, Object> properties = new HashMap<>();
    private List<String> topics = List.of();
    private Pattern pattern;

    private Builder() {}

    /** {@code bootstrap.servers} (required). */
    public Builder bootstrapServers(String servers) {
      return property(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    }

    /** {@code group.id} (required): instances with the same group share the partitions. */
    public Builder groupId(String groupId) {
      return property(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }

    /** The topics to read (this or {@link #topicPattern(Pattern)} is required). */
    public Builder topics(String... names) {
      this.topics = List.of(names);
      return this;
    }

    /** A pattern of topics to read, such as Debezium's {@code storesrv\\.storefront\\..*}. */
    public Builder topicPattern(Pattern topicPattern) {
      this.pattern = topicPattern;
      return this;
    }

    /**
     * Any other consumer setting, for example {@code max.poll.records}, security settings or
     * {@code client.id}. {@code enable.auto.commit} must not be {@code true}: the library commits
     * what is stored. Deserializers are always byte arrays.
     */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "property name"), Objects.requireNonNull(value, () -> "value of " + name));
      return this;
    }

    /** Several consumer settings at once; see {@link #property(String, Object)}. */
    public Builder properties(Map<String, ?> more) {
      more.forEach(this::property);
      return this;
    }

    /**
     * Builds the source and subscribes.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public KafkaChangeSource build() {
      require(properties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), "KafkaChangeSource bootstrap.servers is required");
      require(properties.get(ConsumerConfig.GROUP_ID_CONFIG), "KafkaChangeSource group.id is required: the group keeps the committed offsets");
      if (topics.isEmpty() && pattern == null) {
        throw new IllegalArgumentException("KafkaChangeSource needs topics(...) or topicPattern(...)");
      }
      if (!topics.isEmpty() && pattern != null) {
        throw new IllegalArgumentException("KafkaChangeSource takes topics(...) or topicPattern(...), not both");
      }
      for (String topic : topics) {
        if (topic == null || topic.isBlank()) {
          throw new IllegalArgumentException("KafkaChangeSource topics must not be blank: " + topics);
        }
      }
      Object autoCommit = properties.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
      if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
        throw new IllegalArgumentException(
            "KafkaChangeSource enable.auto.commit must not be true: offsets are committed only after the store said the records are durable");
      }
      Set<String> fixed = Set.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
      for (String name : fixed) {
        if (properties.containsKey(name)) {
          throw new IllegalArgumentException("KafkaChangeSource " + name + " cannot be set: messages are read as bytes and decoded by the pipeline");
        }
      }
      return new KafkaChangeSource(this);
    }

    private static void require(Object value, String message) {
      if (value == null || value.toString().isBlank()) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
