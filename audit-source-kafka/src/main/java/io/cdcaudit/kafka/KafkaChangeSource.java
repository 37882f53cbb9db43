package io.cdcaudit.kafka;

import io.cdcaudit.kafka.internal.PartitionOffsets;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.nio.charset.StandardCharsets;
import java.lang.System.Logger.Level;
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
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidGroupIdException;
import org.apache.kafka.common.errors.InvalidOffsetException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
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
 *
 * <p><b>Failures are told, not hidden.</b> A Kafka consumer whose brokers are unreachable just
 * returns no records. So while no record arrives, this source asks the cluster for its topics
 * every {@link Builder#reachabilityCheck(Duration) reachability check} (10 s by default); when no
 * broker answers, or no topic it reads exists, {@link #poll(Duration)} throws a (transient)
 * {@link SourceException} that names it, and the pipeline shows {@code BACKING_OFF} with that
 * error until the cluster answers. Failed authentication, missing ACLs, an invalid topic or group
 * and {@code auto.offset.reset=none} without a committed offset are
 * {@link SourceException#isUnusable() unusable}: the pipeline stops as {@code FAILED}. The source
 * logs through {@code System.Logger}: partitions assigned and revoked, failed commits,
 * reachability.
 */
public final class KafkaChangeSource implements ChangeSource {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration MAX_PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(KafkaChangeSource.class.getName());

  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, PartitionOffsets> owned = new HashMap<>();
  private final Map<TopicPartition, SourcePartition> partitionIds = new HashMap<>();
  private final String description;
  private final String servers;
  private final List<String> topics;
  private final long reachabilityCheckNanos;
  private final Duration probeTimeout;
  private long nextProbe;
  private boolean unreachable;
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
    this.servers = String.valueOf(props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    this.topics = b.topics;
    this.reachabilityCheckNanos = b.reachabilityCheck.toNanos();
    this.probeTimeout = b.reachabilityCheck.compareTo(MAX_PROBE_TIMEOUT) < 0 ? b.reachabilityCheck : MAX_PROBE_TIMEOUT;
    this.nextProbe = System.nanoTime() + reachabilityCheckNanos;
    this.description = "KafkaChangeSource[group=" + props.get(ConsumerConfig.GROUP_ID_CONFIG) + ", "
        + (b.pattern != null ? "pattern=" + b.pattern : "topics=" + b.topics) + "]";
    ConsumerRebalanceListener listener = new Rebalance();
    if (b.pattern != null) {
      consumer.subscribe(b.pattern, listener);
    } else {
      consumer.subscribe(b.topics, listener);
    }
  }

  /**
   * A builder; bootstrap servers, group and topics are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SourceException when the cluster does not answer or none of the topics exists
   *     (transient), or when it refuses this consumer ({@linkplain SourceException#isUnusable()
   *     unusable}: credentials, ACLs, an invalid topic or group, no offset to start from)
   */
  @Override
  public List<SourceMessage> poll(Duration timeout) {
    checkOpen();
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (KafkaException e) {
      throw classified("poll failed", e);
    }
    if (records.isEmpty()) {
      probeIfDue();
      return List.of();
    }
    nextProbe = System.nanoTime() + reachabilityCheckNanos;
    if (unreachable) {
      unreachable = false;
      LOG.log(Level.INFO, () -> description + ": the cluster at " + servers + " answers again");
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

  /**
   * Marks the messages acknowledged and commits, asynchronously, each partition's offset up to its
   * first message not acknowledged yet. A failed commit is only logged: the next one, or the
   * synchronous commit on revocation and close, supersedes it.
   *
   * @param messages messages this source delivered
   * @throws IllegalArgumentException when a message did not come from a {@code KafkaChangeSource}
   * @throws SourceException when the commit cannot be sent; unusable when the cluster refuses this
   *     consumer (credentials, ACLs)
   * @throws IllegalStateException when the source is closed
   */
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
        } else {
          LOG.log(Level.WARNING, () -> description + ": committing offsets " + done
              + " failed; the next commit supersedes it: " + error.toString());
        }
        // A failed asynchronous commit is superseded by the next one, or by the synchronous
        // commit on revocation and close; the messages it covered may be delivered again.
      });
    } catch (KafkaException e) {
      throw classified("commit failed", e);
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

  /**
   * The consumer's lag summed over the partitions this instance owns: what the group's other
   * instances have to read is not counted.
   *
   * @return the messages between this instance's positions and the partitions' ends, or empty
   *     before the consumer knows any partition's end
   */
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

  /**
   * Commits what is acknowledged, synchronously, then leaves the group and closes the consumer
   * (waiting up to 30 s), so that the partitions move to another instance at once. A failed last
   * commit is logged: the next owner then reads some stored messages again. Closing twice is a
   * no-op.
   */
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
      LOG.log(Level.WARNING, () -> description
          + ": the last commit before closing failed; the next owner reads from the one before: " + e.toString());
    } finally {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }
  }

  /**
   * For logs: the group and the topics or pattern.
   *
   * @return {@code KafkaChangeSource[group=..., topics=[...]]}
   */
  @Override
  public String toString() {
    return description;
  }

  /**
   * Asks the cluster for its topics when no record came for a while (or the last answer failed):
   * the consumer alone never says that it cannot reach a broker.
   */
  private void probeIfDue() {
    if (!unreachable && System.nanoTime() - nextProbe < 0) {
      return;
    }
    nextProbe = System.nanoTime() + reachabilityCheckNanos;
    Map<String, List<PartitionInfo>> existing;
    try {
      existing = consumer.listTopics(probeTimeout);
    } catch (TimeoutException e) {
      unreachable = true;
      LOG.log(Level.WARNING, () -> description + ": no broker of bootstrap.servers=" + servers + " answered within "
          + probeTimeout.toMillis() + " ms");
      throw new SourceException(description + ": no broker of bootstrap.servers=" + servers + " answered a metadata"
          + " request within " + probeTimeout.toMillis() + " ms: the cluster is unreachable", e);
    } catch (KafkaException e) {
      unreachable = true;
      throw classified("asking the cluster for its topics failed", e);
    }
    if (!topics.isEmpty()) {
      List<String> missing = topics.stream().filter(t -> !existing.containsKey(t)).toList();
      if (!missing.isEmpty() && consumer.assignment().isEmpty()) {
        unreachable = true; // look again at the next poll: the topic may be created any moment
        LOG.log(Level.WARNING, () -> description + ": topic(s) " + missing + " do not exist on the cluster at "
            + servers);
        throw new SourceException(description + ": " + (missing.size() == 1 ? "topic " : "topics ") + missing
            + " does not exist on the cluster at " + servers + " (yet): nothing to read; producers such as Maxwell"
            + " create their topic at their first write when the broker allows it");
      }
      if (!missing.isEmpty()) {
        LOG.log(Level.WARNING, () -> description + ": topic(s) " + missing + " do not exist on the cluster at "
            + servers + "; reading the others");
      }
    }
    if (unreachable) {
      unreachable = false;
      LOG.log(Level.INFO, () -> description + ": the cluster at " + servers + " answers again");
    }
  }

  /** An error that no retry mends is unusable; the rest is transient. */
  private SourceException classified(String what, KafkaException e) {
    String message = description + ": " + what + ": " + e.getMessage();
    if (e instanceof AuthenticationException) {
      return SourceException.unusable(message + " (check the security settings and credentials given as properties)", e);
    }
    if (e instanceof AuthorizationException) {
      return SourceException.unusable(message + " (the principal lacks an ACL: Read on the topics, Read on the group)", e);
    }
    if (e instanceof InvalidTopicException || e instanceof InvalidGroupIdException || e instanceof UnsupportedVersionException) {
      return SourceException.unusable(message, e);
    }
    if (e instanceof InvalidOffsetException) {
      return SourceException.unusable(message + " (auto.offset.reset is none and the group has no committed offset)", e);
    }
    return new SourceException(message, e);
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
        LOG.log(Level.WARNING, () -> description + ": committing revoked partitions " + partitions
            + " failed; their next owner reads from the last commit: " + e.toString());
      } finally {
        partitions.forEach(owned::remove);
      }
      if (!partitions.isEmpty()) {
        LOG.log(Level.INFO, () -> description + ": partitions revoked: " + partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(owned::remove);
      LOG.log(Level.WARNING, () -> description + ": partitions lost (their new owner reads from the last commit): "
          + partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.log(Level.INFO, () -> description + ": partitions assigned: " + partitions);
      }
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
    private Duration reachabilityCheck = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * {@code bootstrap.servers} (required): the brokers to ask first for the cluster.
     *
     * @param servers a comma-separated list of {@code host:port}, for example {@code kafka:9092}
     * @return this builder
     * @throws NullPointerException when {@code servers} is {@code null}
     */
    public Builder bootstrapServers(String servers) {
      return property(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    }

    /**
     * {@code group.id} (required): instances with the same group share the partitions, and the
     * group keeps the committed offsets, so that a restart goes on where the trail stopped.
     *
     * @param groupId the consumer group's id
     * @return this builder
     * @throws NullPointerException when {@code groupId} is {@code null}
     */
    public Builder groupId(String groupId) {
      return property(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }

    /**
     * The topics to read (this or {@link #topicPattern(Pattern)} is required); replaces topics
     * given before.
     *
     * @param names the topic names, not blank
     * @return this builder
     * @throws NullPointerException when a name is {@code null}
     */
    public Builder topics(String... names) {
      this.topics = List.of(names);
      return this;
    }

    /**
     * A pattern of topics to read, such as Debezium's {@code storesrv\\.storefront\\..*}: topics
     * created later that match are read too, as Kafka finds them.
     *
     * @param topicPattern the pattern a whole topic name must match
     * @return this builder
     */
    public Builder topicPattern(Pattern topicPattern) {
      this.pattern = topicPattern;
      return this;
    }

    /**
     * Any other consumer setting, for example {@code max.poll.records}, security settings or
     * {@code client.id}. {@code enable.auto.commit} must not be {@code true}: the library commits
     * what is stored. Deserializers are always byte arrays.
     *
     * @param name the consumer setting's name, as in {@link ConsumerConfig}
     * @param value its value, as {@code KafkaConsumer} takes it (a string does for every setting)
     * @return this builder
     * @throws NullPointerException when {@code name} or {@code value} is {@code null}
     */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "property name"), Objects.requireNonNull(value, () -> "value of " + name));
      return this;
    }

    /**
     * How long without a record before the source asks the cluster whether it is there and its
     * topics exist (default 10 s); the question waits up to this long, at most 5 s.
     *
     * @param interval 100 ms to 10 minutes
     * @return this builder
     * @throws NullPointerException when {@code interval} is {@code null}
     * @throws IllegalArgumentException when {@code interval} is out of that range
     */
    public Builder reachabilityCheck(Duration interval) {
      Objects.requireNonNull(interval, "KafkaChangeSource.reachabilityCheck");
      if (interval.toMillis() < 100 || interval.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("KafkaChangeSource.reachabilityCheck must be 100 ms to 10 minutes, got " + interval);
      }
      this.reachabilityCheck = interval;
      return this;
    }

    /**
     * Several consumer settings at once; see {@link #property(String, Object)}.
     *
     * @param more the settings by name, such as those of an application's configuration
     * @return this builder
     * @throws NullPointerException when a name or value is {@code null}
     */
    public Builder properties(Map<String, ?> more) {
      more.forEach(this::property);
      return this;
    }

    /**
     * Builds the source and subscribes. Nothing is read until the first {@code poll}, so an
     * unreachable cluster is not an error here.
     *
     * @return the source, subscribed to its topics
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     * @throws org.apache.kafka.common.KafkaException when {@code KafkaConsumer} refuses the settings
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
