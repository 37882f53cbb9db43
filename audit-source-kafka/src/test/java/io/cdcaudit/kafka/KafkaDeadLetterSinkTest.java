package io.cdcaudit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.Backoff;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.tck.TestChanges;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaProducers;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Kafka dead-letter sink, with letters too large for the topic")
class KafkaDeadLetterSinkTest {

  private static final Instant FAILED_AT = Instant.parse("2026-11-23T10:00:00Z");
  private static final byte[] KEY = "{\"id\":7}".getBytes(StandardCharsets.UTF_8);

  private static DeadLetter letter(byte[] key, byte[] value, String reason) {
    SourceMessage message = SourceMessage.builder(new MessageCoordinates(SourcePartition.ordered("maxwell", "3"), "1234"))
        .key(key)
        .value(value)
        .header("origin", "maxwell")
        .build();
    return new DeadLetter(message, reason, FAILED_AT);
  }

  private static KafkaDeadLetterSink sink(KafkaBroker broker, String topic) {
    return KafkaDeadLetterSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build();
  }

  @Test
  @DisplayName("sends a 2 MB letter truncated to the producer's max.request.size, with the originals' sizes and SHA-256")
  void truncatesToMaxRequestSize() {
    KafkaBroker broker = TestServers.kafka();
    String topic = KafkaTopics.createUnique(broker, "dlq-large", 1);
    byte[] value = bytes(2_000_000);

    try (KafkaDeadLetterSink sink = sink(broker, topic)) {
      sink.send(List.of(letter(KEY, value, "undecodable: not JSON")));
    }

    ConsumerRecord<byte[], byte[]> record = readOne(broker, topic);
    assertThat(value).startsWith(record.value());
    assertThat(record.value().length).as("the largest prefix that fits 1 MiB with a margin").isBetween(1_000_000, 1_048_576);
    assertThat(record.serializedValueSize() + record.serializedKeySize()).isLessThan(1_048_576);
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(header(record, KafkaDeadLetterSink.TRUNCATED)).isEqualTo("value");
    assertThat(header(record, KafkaDeadLetterSink.VALUE_BYTES)).isEqualTo("2000000");
    assertThat(header(record, KafkaDeadLetterSink.VALUE_SHA256)).isEqualTo(sha256(value));
    assertThat(header(record, KafkaDeadLetterSink.KEY_BYTES)).isEqualTo(Integer.toString(KEY.length));
    assertThat(header(record, KafkaDeadLetterSink.KEY_SHA256)).isEqualTo(sha256(KEY));
    assertThat(header(record, KafkaDeadLetterSink.REASON)).isEqualTo("undecodable: not JSON");
    assertThat(header(record, KafkaDeadLetterSink.SOURCE_POSITION)).isEqualTo("1234");
    assertThat(header(record, "origin")).isEqualTo("maxwell");
  }

  @Test
  @DisplayName("to a topic whose max.message.bytes is below the producer's limit: resends a body-less letter, and keeps the others whole")
  void bodyLessWhenTheTopicRefuses() {
    KafkaBroker broker = TestServers.kafka();
    String topic = KafkaTopics.createUnique(broker, "dlq-small", 1, Map.of("max.message.bytes", "65536"));
    byte[] value = bytes(500_000);
    String reason = "undecodable: " + "x".repeat(100_000);

    byte[] small = "{broken".getBytes(StandardCharsets.UTF_8);

    try (KafkaDeadLetterSink sink = sink(broker, topic)) {
      sink.send(List.of(letter(KEY, value, reason), letter(KEY, small, "undecodable")));
    }

    List<ConsumerRecord<byte[], byte[]>> records = read(broker, topic, 2);
    ConsumerRecord<byte[], byte[]> whole = records.stream().filter(r -> r.value().length > 0).findFirst().orElseThrow();
    assertThat(whole.value()).isEqualTo(small);
    assertThat(whole.headers().lastHeader(KafkaDeadLetterSink.TRUNCATED)).isNull();
    ConsumerRecord<byte[], byte[]> record = records.stream().filter(r -> r.value().length == 0).findFirst().orElseThrow();
    assertThat(record.key()).isNull();
    assertThat(header(record, KafkaDeadLetterSink.TRUNCATED)).isEqualTo("value,key,headers");
    assertThat(header(record, KafkaDeadLetterSink.VALUE_BYTES)).isEqualTo("500000");
    assertThat(header(record, KafkaDeadLetterSink.VALUE_SHA256)).isEqualTo(sha256(value));
    assertThat(header(record, KafkaDeadLetterSink.KEY_SHA256)).isEqualTo(sha256(KEY));
    assertThat(header(record, KafkaDeadLetterSink.REASON)).startsWith("undecodable: xxx").hasSizeLessThanOrEqualTo(4_096);
    assertThat(header(record, KafkaDeadLetterSink.SOURCE_STREAM)).isEqualTo("maxwell");
    assertThat(header(record, KafkaDeadLetterSink.SOURCE_PARTITION)).isEqualTo("3");
    assertThat(header(record, KafkaDeadLetterSink.SOURCE_POSITION)).isEqualTo("1234");
    assertThat(header(record, KafkaDeadLetterSink.FAILED_AT)).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(header(record, "origin")).as("original headers are left out of a body-less letter").isNull();
  }

  @Test
  @DisplayName("keeps a letter that fits whole, without truncation headers, and bounds its reason")
  void wholeLetter() {
    KafkaBroker broker = TestServers.kafka();
    String topic = KafkaTopics.createUnique(broker, "dlq-whole", 1);
    byte[] value = "{broken".getBytes(StandardCharsets.UTF_8);

    try (KafkaDeadLetterSink sink = sink(broker, topic)) {
      sink.send(List.of(letter(KEY, value, "\u00e9".repeat(10_000))));
    }

    ConsumerRecord<byte[], byte[]> record = readOne(broker, topic);
    assertThat(record.value()).isEqualTo(value);
    assertThat(record.key()).isEqualTo(KEY);
    assertThat(record.headers().lastHeader(KafkaDeadLetterSink.REASON).value()).hasSizeBetween(4_090, 4_096);
    assertThat(record.headers().lastHeader(KafkaDeadLetterSink.TRUNCATED)).isNull();
  }

  @Test
  @DisplayName("an end-to-end pipeline dead-letters a 2 MB poison message and stores the next one, instead of backing off forever")
  void pipelineWithHugePoisonMessage() {
    KafkaBroker broker = TestServers.kafka();
    String source = KafkaTopics.createUnique(broker, "large-rows", 1, Map.of("max.message.bytes", "3000000"));
    String dlq = KafkaTopics.createUnique(broker, "large-rows-dlq", 1);
    byte[] poison = ("{" + "x".repeat(1_999_999)).getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(broker.bootstrapServers(),
        Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3_000_000))) {
      KafkaProducers.sendAndWait(producer, source, KEY, poison);
      KafkaProducers.sendAndWait(producer, source, KEY, TestChanges.insert("shop.orders", 1, 1, "a"));
    }
    InMemoryAuditStore store = new InMemoryAuditStore();

    try (KafkaDeadLetterSink deadLetters = sink(broker, dlq);
        AuditPipeline pipeline = AuditPipeline.builder()
            .source(QuickSources.source(broker, "large-rows-" + UUID.randomUUID(), source))
            .decoder(TestChanges.decoder())
            .store(store)
            .deadLetters(deadLetters)
            .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 2.0, 0.5, 0))
            .build()) {
      pipeline.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> store.count() == 1 && pipeline.health().deadLettered() == 1);
      assertThat(pipeline.health().state()).isEqualTo(PipelineHealth.State.RUNNING);
    }

    ConsumerRecord<byte[], byte[]> letter = readOne(broker, dlq);
    assertThat(poison).startsWith(letter.value());
    assertThat(header(letter, KafkaDeadLetterSink.TRUNCATED)).isEqualTo("value");
    assertThat(header(letter, KafkaDeadLetterSink.VALUE_BYTES)).isEqualTo("2000000");
    assertThat(header(letter, KafkaDeadLetterSink.VALUE_SHA256)).isEqualTo(sha256(poison));
    assertThat(header(letter, KafkaDeadLetterSink.REASON)).startsWith("undecodable: ");
    assertThat(header(letter, KafkaDeadLetterSink.SOURCE_STREAM)).isEqualTo(source);
  }

  @Test
  @DisplayName("reads max.request.size from its properties, and names it when it is not a positive number")
  void maxRequestSizeValidation() {
    assertThatIllegalArgumentException().isThrownBy(() -> KafkaDeadLetterSink.builder().bootstrapServers("x:1").topic("t")
            .property("max.request.size", "lots").build())
        .withMessage("KafkaDeadLetterSink max.request.size must be a positive number of bytes, got lots");
    assertThatIllegalArgumentException().isThrownBy(() -> KafkaDeadLetterSink.builder().bootstrapServers("x:1").topic("t")
            .property("max.request.size", 0).build())
        .withMessage("KafkaDeadLetterSink max.request.size must be a positive number of bytes, got 0");
  }

  private static ConsumerRecord<byte[], byte[]> readOne(KafkaBroker broker, String topic) {
    return read(broker, topic, 1).get(0);
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(KafkaBroker broker, String topic, int count) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= count;
      });
      assertThat(records).hasSize(count);
      return records;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
