package io.cdcaudit.kafka;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.deadletter.FittedPayload;
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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link DeadLetterSink} that writes each dead letter to a Kafka topic: the original key and
 * value unchanged, the original headers, and these headers added:
 * <ul>
 *   <li>{@value #REASON}: why the message could not be audited (at most 4,096 bytes);</li>
 *   <li>{@value #SOURCE_STREAM}, {@value #SOURCE_PARTITION}, {@value #SOURCE_POSITION}: where it
 *       came from (topic, partition, offset);</li>
 *   <li>{@value #FAILED_AT}: when, as ISO-8601.</li>
 * </ul>
 * {@link #send(List)} returns only when the broker acknowledged every record ({@code acks=all},
 * idempotent producer), so the pipeline acknowledges a poison message only once it is kept.
 *
 * <p><b>Truncated letters.</b> A letter is never refused for its size, since a refusal would fail
 * again on every retry and hold up the pipeline. One larger than the producer's
 * {@code max.request.size} (read from the {@linkplain Builder#property(String, Object) properties};
 * Kafka's default is 1,048,576), less 1,024 bytes for the record's own
 * overhead, is written truncated: the original headers when they take at most a quarter of the
 * room, the key cut to what the value leaves it (at least a quarter), the value to the largest
 * prefix that fits. When the broker still refuses it as too large (the topic's
 * {@code max.message.bytes} or the broker's {@code message.max.bytes} is lower than the producer's
 * limit), it is written once more <em>body-less</em>: no key, an empty value, no original headers;
 * reason, coordinates, time and the headers below only, a few KiB that any broker takes. A
 * truncated or body-less letter carries:
 * <ul>
 *   <li>{@value #TRUNCATED}: what was cut or left out, {@code value}, {@code key} and
 *       {@code headers}, comma-separated;</li>
 *   <li>{@value #VALUE_BYTES}, {@value #VALUE_SHA256}: the original value's size in bytes (decimal)
 *       and SHA-256 (lowercase hex), when there was a value;</li>
 *   <li>{@value #KEY_BYTES}, {@value #KEY_SHA256}: the same for the key, when there was one.</li>
 * </ul>
 * The coordinates say where the whole message is, to be fetched while the source topic retains it;
 * the digest confirms it is the one. A letter without {@value #TRUNCATED} is whole.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  /** Header: why the message could not be audited, UTF-8, at most 4,096 bytes. */
  public static final String REASON = "cdcaudit.reason";
  /** Header: the source topic (stream or queue) the message came from. */
  public static final String SOURCE_STREAM = "cdcaudit.source.stream";
  /** Header: the partition within the source stream; empty where the source has none. */
  public static final String SOURCE_PARTITION = "cdcaudit.source.partition";
  /** Header: the message's position in its partition, such as the Kafka offset, as text. */
  public static final String SOURCE_POSITION = "cdcaudit.source.position";
  /** Header: when the pipeline gave up on the message, as ISO-8601 text. */
  public static final String FAILED_AT = "cdcaudit.failed-at";
  /** On a truncated or body-less letter: what was cut or left out ({@code value,key,headers}). */
  public static final String TRUNCATED = "cdcaudit.truncated";
  /** On a truncated or body-less letter: the original value's size in bytes, as decimal text. */
  public static final String VALUE_BYTES = "cdcaudit.value.bytes";
  /** On a truncated or body-less letter: the SHA-256 of the whole original value, in lowercase hex. */
  public static final String VALUE_SHA256 = "cdcaudit.value.sha256";
  /** On a truncated or body-less letter with a key: the original key's size in bytes, as decimal text. */
  public static final String KEY_BYTES = "cdcaudit.key.bytes";
  /** On a truncated or body-less letter with a key: the SHA-256 of the whole original key, in lowercase hex. */
  public static final String KEY_SHA256 = "cdcaudit.key.sha256";

  /** The most bytes of reason a letter carries. */
  private static final int MAX_REASON_BYTES = 4096;
  /** The most bytes of stream, partition or position a truncated letter carries (real ones are far shorter). */
  private static final int MAX_COORDINATE_BYTES = 256;
  /**
   * Room left under {@code max.request.size} for what the producer adds to the key, value and
   * headers: the batch header (61 bytes), the record's attributes, and the varint lengths.
   */
  private static final int RECORD_OVERHEAD_BYTES = 1024;
  /** Per header, besides its name and value: the varint lengths. */
  private static final int HEADER_OVERHEAD_BYTES = 10;

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Duration sendTimeout;
  private final int maxRecordBytes;

  private KafkaDeadLetterSink(Builder b, int maxRequestSize) {
    Properties props = new Properties();
    props.putAll(b.properties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
    this.topic = b.topic;
    this.sendTimeout = b.sendTimeout;
    this.maxRecordBytes = Math.max(0, maxRequestSize - RECORD_OVERHEAD_BYTES);
  }

  /**
   * Starts a sink; bootstrap servers and topic are required.
   *
   * @return a builder with a 30 s send timeout
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the letters and waits for the broker's acknowledgement of each; a letter larger than
   * the producer's {@code max.request.size} is written truncated, and one the broker still refuses
   * as too large is written again body-less (see above).
   *
   * @param deadLetters the letters, written in this order
   * @throws SourceException when the broker did not acknowledge a letter within the send timeout,
   *     or refused one for another reason
   */
  @Override
  public void send(List<DeadLetter> deadLetters) {
    long deadline = System.nanoTime() + sendTimeout.toNanos();
    List<Future<RecordMetadata>> sent = new ArrayList<>(deadLetters.size());
    for (DeadLetter letter : deadLetters) {
      sent.add(producer.send(fitted(letter)));
    }
    producer.flush();
    // The topic's max.message.bytes (or the broker's message.max.bytes) can be lower than the
    // producer's limit; such a letter would be refused on every retry, so it goes again without
    // key, value and source headers, which any broker takes.
    List<Future<RecordMetadata>> resent = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      try {
        await(sent.get(i), deadline);
      } catch (RecordTooLargeException e) {
        resent.add(producer.send(bodyLess(deadLetters.get(i))));
      }
    }
    if (!resent.isEmpty()) {
      producer.flush();
      for (Future<RecordMetadata> future : resent) {
        try {
          await(future, deadline);
        } catch (RecordTooLargeException e) {
          throw new SourceException("dead-letter topic " + topic + ": even a body-less dead letter is too large: " + e, e);
        }
      }
    }
  }

  /** Waits for the acknowledgement; a refusal as too large is thrown as it is, to be resent body-less. */
  private void await(Future<RecordMetadata> future, long deadline) {
    try {
      future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException tooLarge) {
        throw tooLarge;
      }
      throw new SourceException("dead-letter topic " + topic + ": send failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new SourceException("dead-letter topic " + topic + ": no acknowledgement within " + sendTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("dead-letter topic " + topic + ": interrupted", e);
    }
  }

  /** The letter whole when it fits {@code max.request.size} (less the overhead), else truncated. */
  private ProducerRecord<byte[], byte[]> fitted(DeadLetter letter) {
    SourceMessage message = letter.message();
    RecordHeaders headers = new RecordHeaders();
    message.headers().forEach((name, value) -> headers.add(name, utf8(value)));
    addMetadata(headers, letter, MAX_REASON_BYTES, Integer.MAX_VALUE);
    byte[] key = message.key();
    byte[] value = message.value();
    if (length(key) + length(value) + size(headers) <= maxRecordBytes) {
      return new ProducerRecord<>(topic, null, key, value, headers);
    }
    return truncated(letter);
  }

  /**
   * The letter cut to {@code max.request.size}: reason and coordinates bounded, the source headers
   * kept when they take at most a quarter of the room, the key cut to what the value leaves it (at
   * least a quarter), the value to the rest; with the truncation headers.
   */
  private ProducerRecord<byte[], byte[]> truncated(DeadLetter letter) {
    SourceMessage message = letter.message();
    byte[] key = message.key();
    byte[] value = message.value();
    RecordHeaders metadata = new RecordHeaders();
    addMetadata(metadata, letter, Math.min(MAX_REASON_BYTES, maxRecordBytes / 4),
        Math.min(MAX_COORDINATE_BYTES, maxRecordBytes / 16));
    // Sized with the longest truncation headers (every part cut), so that whatever is cut fits.
    RecordHeaders worst = copy(metadata);
    addTruncation(worst, FittedPayload.prefix(key, 0), FittedPayload.prefix(value, 0), !message.headers().isEmpty());
    int room = Math.max(0, maxRecordBytes - size(worst));
    RecordHeaders sourceHeaders = new RecordHeaders();
    message.headers().forEach((name, v) -> sourceHeaders.add(name, utf8(v)));
    boolean keepHeaders = size(sourceHeaders) <= room / 4;
    if (keepHeaders) {
      room -= size(sourceHeaders);
    }
    int keyRoom = Math.max(room - length(value), room / 4);
    FittedPayload fittedKey = FittedPayload.prefix(key, keyRoom);
    FittedPayload fittedValue = FittedPayload.prefix(value, room - fittedKey.keptBytes());
    RecordHeaders headers = keepHeaders ? sourceHeaders : new RecordHeaders();
    metadata.forEach(headers::add);
    addTruncation(headers, fittedKey, fittedValue, !keepHeaders && !message.headers().isEmpty());
    return new ProducerRecord<>(topic, null, fittedKey.keptBytes() == 0 ? null : fittedKey.bytes(), fittedValue.bytes(), headers);
  }

  /** Reason, coordinates, sizes and digests only: what is left when the broker refused the truncated letter. */
  private ProducerRecord<byte[], byte[]> bodyLess(DeadLetter letter) {
    SourceMessage message = letter.message();
    RecordHeaders headers = new RecordHeaders();
    addMetadata(headers, letter, MAX_REASON_BYTES, MAX_COORDINATE_BYTES);
    FittedPayload key = FittedPayload.prefix(message.key(), 0);
    FittedPayload value = FittedPayload.prefix(message.value(), 0);
    addTruncation(headers, key, value, !message.headers().isEmpty());
    return new ProducerRecord<>(topic, null, (byte[]) null, value.bytes(), headers);
  }

  private static void addMetadata(RecordHeaders headers, DeadLetter letter, int reasonBytes, int coordinateBytes) {
    SourceMessage message = letter.message();
    headers.add(REASON, utf8(FittedPayload.abbreviate(letter.reason(), reasonBytes)));
    headers.add(SOURCE_STREAM, utf8(FittedPayload.abbreviate(message.partition().stream(), coordinateBytes)));
    headers.add(SOURCE_PARTITION, utf8(FittedPayload.abbreviate(message.partition().partition(), coordinateBytes)));
    headers.add(SOURCE_POSITION, utf8(FittedPayload.abbreviate(message.coordinates().position(), coordinateBytes)));
    headers.add(FAILED_AT, utf8(letter.failedAt().toString()));
  }

  private static void addTruncation(RecordHeaders headers, FittedPayload key, FittedPayload value, boolean headersLeftOut) {
    List<String> cut = new ArrayList<>(3);
    if (value.truncated()) {
      cut.add("value");
    }
    if (key.truncated()) {
      cut.add("key");
    }
    if (headersLeftOut) {
      cut.add("headers");
    }
    headers.add(TRUNCATED, utf8(cut.isEmpty() ? "-" : String.join(",", cut)));
    if (!value.isNull()) {
      headers.add(VALUE_BYTES, utf8(Integer.toString(value.originalBytes())));
      headers.add(VALUE_SHA256, utf8(value.sha256()));
    }
    if (!key.isNull()) {
      headers.add(KEY_BYTES, utf8(Integer.toString(key.originalBytes())));
      headers.add(KEY_SHA256, utf8(key.sha256()));
    }
  }

  private static RecordHeaders copy(RecordHeaders headers) {
    RecordHeaders copy = new RecordHeaders();
    headers.forEach(copy::add);
    return copy;
  }

  /** The headers' bytes in a record, with their varint lengths. */
  private static int size(RecordHeaders headers) {
    int bytes = 0;
    for (Header header : headers) {
      bytes += utf8(header.key()).length + length(header.value()) + HEADER_OVERHEAD_BYTES;
    }
    return bytes;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /**
   * Closes the producer, waiting up to 10 s for records still being sent; {@link #send(List)} has
   * already waited for every letter it returned on, so none of those is lost.
   */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  /**
   * For logs: the dead-letter topic.
   *
   * @return {@code KafkaDeadLetterSink[topic]}
   */
  @Override
  public String toString() {
    return "KafkaDeadLetterSink[" + topic + "]";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Builds a {@link KafkaDeadLetterSink}. */
  public static final class Builder {
    /** The producer's own default {@code max.request.size}. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final Map<String, Object> properties = new HashMap<>();
    private String topic;
    private Duration sendTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * {@code bootstrap.servers} (required): the brokers of the cluster with the dead-letter topic,
     * which need not be the source's.
     *
     * @param servers a comma-separated list of {@code host:port}
     * @return this builder
     * @throws NullPointerException when {@code servers} is {@code null}
     */
    public Builder bootstrapServers(String servers) {
      return property(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    }

    /**
     * The dead-letter topic (required), on the cluster of {@link #bootstrapServers(String)}: each
     * letter is one record of it, with the original message's key where it fits.
     *
     * @param name the topic name, not blank; {@link #build()} checks it
     * @return this builder
     */
    public Builder topic(String name) {
      this.topic = name;
      return this;
    }

    /**
     * How long {@link #send(List)} waits for the broker (default 30 s) before it throws and the
     * pipeline retries.
     *
     * @param timeout positive; {@link #build()} checks it
     * @return this builder
     */
    public Builder sendTimeout(Duration timeout) {
      this.sendTimeout = timeout;
      return this;
    }

    /**
     * Any other producer setting (security, {@code client.id}, ...). {@code acks} is always
     * {@code all}. {@code max.request.size} (default 1,048,576) also bounds the letters: a larger one
     * is sent truncated.
     *
     * @param name the producer setting's name, as in {@link ProducerConfig}
     * @param value its value, as {@code KafkaProducer} takes it (a string does for every setting)
     * @return this builder
     * @throws NullPointerException when {@code name} or {@code value} is {@code null}
     */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "property name"), Objects.requireNonNull(value, () -> "value of " + name));
      return this;
    }

    /**
     * Builds the sink and its producer; nothing is sent until the first letter, so an unreachable
     * cluster is not an error here.
     *
     * @return the sink
     * @throws IllegalArgumentException naming the setting that is missing or wrong, such as a
     *     {@code max.request.size} that is not a positive number
     * @throws org.apache.kafka.common.KafkaException when {@code KafkaProducer} refuses the settings
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
      return new KafkaDeadLetterSink(this, maxRequestSize());
    }

    /** The producer's {@code max.request.size} as set here, or Kafka's default. */
    private int maxRequestSize() {
      Object set = properties.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
      if (set == null) {
        return DEFAULT_MAX_REQUEST_SIZE;
      }
      long size;
      try {
        size = set instanceof Number n ? n.longValue() : Long.parseLong(set.toString().trim());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size <= 0 || size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("KafkaDeadLetterSink " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG
            + " must be a positive number of bytes, got " + set);
      }
      return (int) size;
    }
  }
}
