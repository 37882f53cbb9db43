package io.cdcaudit.kafka;

import io.cdcaudit.source.DeadLetter;
import io.cdcaudit.source.DeadLetterSink;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link DeadLetterSink} that writes each dead letter to a Kafka topic: the original key and
 * value unchanged, the original headers, and these headers added:
 * <ul>
 *   <li>{@code cdcaudit.reason}: why the message could not be audited;</li>
 *   <li>{@code cdcaudit.source.stream}, {@code cdcaudit.source.partition},
 *       {@code cdcaudit.source.position}: where it came from (topic, partition, offset);</li>
 *   <li>{@code cdcaudit.failed-at}: when, as ISO-8601.</li>
 * </ul>
 * {@link #send(List)} returns only when the broker acknowledged every record ({@code acks=all},
 * idempotent producer), so the pipeline acknowledges a poison message only once it is kept.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  public static final String REASON = "cdcaudit.reason";
  public static final String SOURCE_STREAM = "cdcaudit.source.stream";
  public static final String SOURCE_PARTITION = "cdcaudit.source.partition";
  public static final String SOURCE_POSITION = "cdcaudit.source.position";
  public static final String FAILED_AT = "cdcaudit.failed-at";

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Duration sendTimeout;

  private KafkaDeadLetterSink(Builder b) {
    Properties props = new Properties();
    props.putAll(b.properties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.topic = b.topic;
    this.sendTimeout = b.sendTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void send(List<DeadLetter> deadLetters) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(deadLetters.size());
    for (DeadLetter letter : deadLetters) {
      SourceMessage message = letter.message();
      RecordHeaders headers = new RecordHeaders();
      message.headers().forEach((name, value) -> headers.add(name, utf8(value)));
      headers.add(REASON, utf8(letter.reason()));
      headers.add(SOURCE_STREAM, utf8(message.partition().stream()));
      headers.add(SOURCE_PARTITION, utf8(message.partition().partition()));
      headers.add(SOURCE_POSITION, utf8(message.coordinates().position()));
      headers.add(FAILED_AT, utf8(letter.failedAt().toString()));
      sent.add(producer.send(new ProducerRecord<>(topic, null, message.key(), message.value(), headers)));
    }
    producer.flush();
    long deadline = System.nanoTime() + sendTimeout.toNanos();
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new SourceException("dead-letter topic " + topic + ": send failed: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new SourceException("dead-letter topic " + topic + ": no acknowledgement within " + sendTimeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException("dead-letter topic " + topic + ": interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "KafkaDeadLetterSink[" + topic + "]";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Builds a {@link KafkaDeadLetterSink}. */
  public static final class Builder {
    private final Map<String, Object> properties = new HashMap<>();
    private String topic;
    private Duration sendTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** {@code bootstrap.servers} (required). */
    public Builder bootstrapServers(String servers) {
      return property(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    }

    /** The dead-letter topic (required). */
    public Builder topic(String name) {
      this.topic = name;
      return this;
    }

    /** How long {@link #send(List)} waits for the broker (default 30 s). */
    public Builder sendTimeout(Duration timeout) {
      this.sendTimeout = timeout;
      return this;
    }

    /** Any other producer setting (security, {@code client.id}, ...). {@code acks} is always {@code all}. */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "property name"), Objects.requireNonNull(value, () -> "value of " + name));
      return this;
    }

    /**
     * Builds the sink.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public KafkaDeadLetterSink build() {
      Object servers = properties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
      if (servers == null || servers.toString().isBlank()) {
        throw new IllegalArgumentException("KafkaDeadLetterSink bootstrap.servers is required");
      }
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException("KafkaDeadLetterSink topic is required");
      }
      if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
        throw new IllegalArgumentException("KafkaDeadLetterSink sendTimeout must be positive, got " + sendTimeout);
      }
      return new KafkaDeadLetterSink(this);
    }
  }
}
