package io.cdcaudit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.Backoff;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.tck.TestChanges;
import io.cdcaudit.testservers.ElasticMqServer.QueueCounts;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

@DisplayName("Poison messages on SQS")
class SqsPoisonMessageTest {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  private static final Instant FAILED_AT = Instant.parse("2026-11-23T08:15:00Z");

  private final List<String> queues = new ArrayList<>();

  @AfterEach
  void deleteQueues() {
    queues.forEach(SQS::deleteQueue);
  }

  private String queue(String prefix, boolean fifo, Map<QueueAttributeName, String> attributes) {
    String url = SQS.createQueue(prefix, fifo, attributes);
    queues.add(url);
    return url;
  }

  private static DeadLetter letter(String stream, String partition, String position, byte[] key, byte[] value, String reason) {
    SourcePartition p = partition.isEmpty() ? SourcePartition.unordered(stream) : SourcePartition.ordered(stream, partition);
    return new DeadLetter(SourceMessage.builder(new MessageCoordinates(p, position)).key(key).value(value).build(), reason, FAILED_AT);
  }

  /** Everything in the queue now (received with a long visibility timeout, so each message once). */
  private static List<Message> drain(String url, int expected) {
    List<Message> all = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      all.addAll(SQS.receiveRaw(url, 300, 0));
      return all.size() >= expected;
    });
    return all;
  }

  private static String attribute(Message m, String name) {
    return m.messageAttributes().get(name).stringValue();
  }

  /** A message's size as SQS counts it: body, and each attribute's name, type and value. */
  private static int letterBytes(Message m) {
    int bytes = m.body().getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, MessageAttributeValue> a : m.messageAttributes().entrySet()) {
      MessageAttributeValue v = a.getValue();
      bytes += a.getKey().getBytes(StandardCharsets.UTF_8).length + v.dataType().getBytes(StandardCharsets.UTF_8).length
          + (v.stringValue() != null ? v.stringValue().getBytes(StandardCharsets.UTF_8).length : v.binaryValue().asByteArray().length);
    }
    return bytes;
  }

  /** Bytes that are not UTF-8 (every 0xFF), so the letter carries them in base64. */
  private static byte[] binary(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    for (int i = 0; i < length; i += 100) {
      bytes[i] = (byte) 0xFF;
    }
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  @DisplayName("SqsDeadLetterSink")
  class Sink {

    @Test
    @DisplayName("sends the raw value as the body, with reason, source, position, time, encoding and key as attributes")
    void sendsLetters() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();

      sink.send(List.of(letter("orders", "", "m-1", "k-1".getBytes(StandardCharsets.UTF_8),
          "{not json".getBytes(StandardCharsets.UTF_8), "undecodable: line 1: unexpected end")));

      Message m = drain(dlq, 1).get(0);
      assertThat(m.body()).isEqualTo("{not json");
      assertThat(attribute(m, SqsDeadLetterSink.REASON)).isEqualTo("undecodable: line 1: unexpected end");
      assertThat(attribute(m, SqsDeadLetterSink.SOURCE)).isEqualTo("orders");
      assertThat(attribute(m, SqsDeadLetterSink.POSITION)).isEqualTo("m-1");
      assertThat(attribute(m, SqsDeadLetterSink.FAILED_AT)).isEqualTo("2026-11-23T08:15:00Z");
      assertThat(attribute(m, SqsDeadLetterSink.ENCODING)).isEqualTo(SqsDeadLetterSink.UTF_8);
      assertThat(m.messageAttributes().get(SqsDeadLetterSink.KEY).binaryValue().asUtf8String()).isEqualTo("k-1");
    }

    @Test
    @DisplayName("sends a value that is not SQS text in base64 and says so; a missing value as a placeholder")
    void binaryAndMissingValues() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();
      byte[] binary = {(byte) 0xC3, 0x28, 0, 1, (byte) 0xFF};

      sink.send(List.of(
          letter("topic", "3", "17", null, binary, "undecodable"),
          letter("topic", "3", "18", null, null, "a tombstone it could not skip")));

      List<Message> all = drain(dlq, 2);
      Message encoded = all.stream().filter(m -> attribute(m, SqsDeadLetterSink.POSITION).equals("17")).findFirst().orElseThrow();
      assertThat(attribute(encoded, SqsDeadLetterSink.ENCODING)).isEqualTo(SqsDeadLetterSink.BASE64);
      assertThat(Base64.getDecoder().decode(encoded.body())).isEqualTo(binary);
      assertThat(attribute(encoded, SqsDeadLetterSink.SOURCE)).isEqualTo("topic/3");
      Message none = all.stream().filter(m -> attribute(m, SqsDeadLetterSink.POSITION).equals("18")).findFirst().orElseThrow();
      assertThat(attribute(none, SqsDeadLetterSink.ENCODING)).isEqualTo(SqsDeadLetterSink.NO_VALUE);
      assertThat(none.messageAttributes()).doesNotContainKey(SqsDeadLetterSink.KEY);
    }

    @Test
    @DisplayName("sends more than ten letters in batches of ten")
    void batches() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();
      List<DeadLetter> letters = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        letters.add(letter("q", "", "m-" + i, null, ("bad " + i).getBytes(StandardCharsets.UTF_8), "undecodable"));
      }

      sink.send(letters);

      assertThat(drain(dlq, 23)).extracting(Message::body).hasSize(23).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("to a FIFO queue: grouped by source partition, and a letter sent twice is kept once")
    void fifoDeadLetterQueue() {
      String dlq = queue("dlq", true, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();
      DeadLetter first = letter("orders.fifo", "customer-9", "m-1", null, "bad 1".getBytes(StandardCharsets.UTF_8), "undecodable");
      DeadLetter second = letter("orders.fifo", "customer-9", "m-2", null, "bad 2".getBytes(StandardCharsets.UTF_8), "undecodable");

      sink.send(List.of(first, second));
      sink.send(List.of(first)); // the pipeline retrying after a failure it did not see succeed

      List<Message> all = SQS.client().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
      assertThat(all).extracting(Message::body).containsExactly("bad 1", "bad 2");
      assertThat(all).allSatisfy(m ->
          assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "orders.fifo/customer-9"));
    }

    @Test
    @DisplayName("sends a 300 KB undecodable binary value truncated to the largest base64 prefix that fits, with its size and SHA-256")
    void truncatesBinaryValue() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();
      byte[] value = binary(300_000);
      byte[] key = "k-1".getBytes(StandardCharsets.UTF_8);

      sink.send(List.of(letter("orders", "", "m-1", key, value, "undecodable: not JSON")));

      Message m = drain(dlq, 1).get(0);
      byte[] kept = Base64.getDecoder().decode(m.body());
      assertThat(attribute(m, SqsDeadLetterSink.ENCODING)).isEqualTo(SqsDeadLetterSink.BASE64);
      assertThat(value).startsWith(kept);
      assertThat(letterBytes(m)).as("the largest prefix: within one base64 quantum of the limit").isBetween(262_144 - 3, 262_144);
      assertThat(attribute(m, SqsDeadLetterSink.TRUNCATED)).isEqualTo("value");
      assertThat(attribute(m, SqsDeadLetterSink.VALUE_ORIGINAL)).isEqualTo("size=300000 sha256=" + sha256(value));
      assertThat(attribute(m, SqsDeadLetterSink.KEY_ORIGINAL)).isEqualTo("size=3 sha256=" + sha256(key));
      assertThat(m.messageAttributes().get(SqsDeadLetterSink.KEY).binaryValue().asByteArray()).isEqualTo(key);
      assertThat(attribute(m, SqsDeadLetterSink.REASON)).isEqualTo("undecodable: not JSON");
      assertThat(attribute(m, SqsDeadLetterSink.POSITION)).isEqualTo("m-1");
    }

    @Test
    @DisplayName("cuts a text value on a character boundary, so the body stays the value's own text")
    void truncatesTextValue() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();
      String text = "{\"note\":\"" + "\u20ac".repeat(100_000) + "\"}"; // three bytes a character

      sink.send(List.of(letter("orders", "", "m-1", null, text.getBytes(StandardCharsets.UTF_8), "undecodable")));

      Message m = drain(dlq, 1).get(0);
      assertThat(attribute(m, SqsDeadLetterSink.ENCODING)).isEqualTo(SqsDeadLetterSink.UTF_8);
      assertThat(text).startsWith(m.body());
      assertThat(letterBytes(m)).isBetween(262_144 - 2, 262_144);
      assertThat(attribute(m, SqsDeadLetterSink.TRUNCATED)).isEqualTo("value");
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      assertThat(attribute(m, SqsDeadLetterSink.VALUE_ORIGINAL)).isEqualTo("size=" + utf8.length + " sha256=" + sha256(utf8));
      assertThat(m.messageAttributes()).doesNotContainKeys(SqsDeadLetterSink.KEY, SqsDeadLetterSink.KEY_ORIGINAL);
    }

    @Test
    @DisplayName("within a 1 KiB limit: cuts a long reason, the key and the value, and keeps coordinates, sizes and digests")
    void smallestLimit() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).maxMessageBytes(1024).build();
      byte[] key = binary(2_000);
      byte[] value = binary(5_000);

      sink.send(List.of(letter("q", "", "m-1", key, value, "r\u00e9ason ".repeat(2_000))));

      Message m = drain(dlq, 1).get(0);
      assertThat(letterBytes(m)).isLessThanOrEqualTo(1024);
      assertThat(attribute(m, SqsDeadLetterSink.REASON)).startsWith("r\u00e9ason r\u00e9ason").endsWith("\u2026");
      assertThat(attribute(m, SqsDeadLetterSink.TRUNCATED)).isEqualTo("value,key");
      assertThat(attribute(m, SqsDeadLetterSink.VALUE_ORIGINAL)).isEqualTo("size=5000 sha256=" + sha256(value));
      assertThat(attribute(m, SqsDeadLetterSink.KEY_ORIGINAL)).isEqualTo("size=2000 sha256=" + sha256(key));
      assertThat(attribute(m, SqsDeadLetterSink.SOURCE)).isEqualTo("q");
      assertThat(attribute(m, SqsDeadLetterSink.POSITION)).isEqualTo("m-1");
    }

    @Test
    @DisplayName("cuts a reason longer than 4 KiB even when the letter fits, and adds no truncation attributes then")
    void longReason() {
      String dlq = queue("dlq", false, Map.of());
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();

      sink.send(List.of(letter("q", "", "m-1", null, "{bad".getBytes(StandardCharsets.UTF_8), "\u00e9".repeat(10_000))));

      Message m = drain(dlq, 1).get(0);
      assertThat(m.body()).isEqualTo("{bad");
      assertThat(attribute(m, SqsDeadLetterSink.REASON).getBytes(StandardCharsets.UTF_8).length).isBetween(4_090, 4_096);
      assertThat(m.messageAttributes()).doesNotContainKeys(SqsDeadLetterSink.TRUNCATED, SqsDeadLetterSink.VALUE_ORIGINAL);
    }

    @Test
    @DisplayName("validates its settings")
    void validation() {
      assertThatIllegalArgumentException().isThrownBy(() -> SqsDeadLetterSink.builder(null, "http://h/1/q").build())
          .withMessage("SqsDeadLetterSink.client is required");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsDeadLetterSink.builder(SQS.client(), "").build())
          .withMessage("SqsDeadLetterSink.queueUrl is required");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SqsDeadLetterSink.builder(SQS.client(), "http://h/1/q").maxMessageBytes(2_000_000).build())
          .withMessage("SqsDeadLetterSink.maxMessageBytes must be 1024 to 1048576, got 2000000");
    }

    @Test
    @DisplayName("reports letters SQS did not take (here: the queue is gone)")
    void reportsFailures() {
      String dlq = SQS.createQueue("dlq-gone", false);
      SQS.deleteQueue(dlq);
      SqsDeadLetterSink sink = SqsDeadLetterSink.builder(SQS.client(), dlq).build();

      assertThatThrownBy(() -> sink.send(List.of(letter("q", "", "m-1", null, "x".getBytes(StandardCharsets.UTF_8), "r"))))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("1 of 1 dead letters not sent: q@m-1");
    }
  }

  @Nested
  @DisplayName("the two paths")
  class Paths {

    @Test
    @DisplayName("(a) the pipeline sends an undecodable message to the SQS dead-letter sink, deletes it, and stores the rest")
    void pipelineDeadLetterSink() {
      String source = queue("orders", false, Map.of());
      String dlq = queue("orders-dlq", false, Map.of());
      SQS.sendAll(source, List.of(
          SendMessageBatchRequestEntry.builder()
              .messageBody(new String(TestChanges.insert("shop.orders", 1, 1, "a"), StandardCharsets.UTF_8)).build(),
          SendMessageBatchRequestEntry.builder().messageBody("{poison").build(),
          SendMessageBatchRequestEntry.builder()
              .messageBody(new String(TestChanges.insert("shop.orders", 2, 2, "b"), StandardCharsets.UTF_8)).build()));
      InMemoryAuditStore store = new InMemoryAuditStore();

      try (AuditPipeline pipeline = AuditPipeline.builder()
          .source(SqsChangeSource.builder(SQS.client(), source).visibilityTimeout(Duration.ofSeconds(30)).build())
          .decoder(TestChanges.decoder())
          .store(store)
          .deadLetters(SqsDeadLetterSink.builder(SQS.client(), dlq).build())
          .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 2.0, 0.5, 0))
          .pollTimeout(Duration.ofSeconds(1))
          .build()) {
        pipeline.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == 2 && pipeline.health().deadLettered() == 1
            && SQS.counts(source).isEmpty());
      }

      Message poison = drain(dlq, 1).get(0);
      assertThat(poison.body()).isEqualTo("{poison");
      assertThat(attribute(poison, SqsDeadLetterSink.REASON)).startsWith("undecodable: ");
      assertThat(attribute(poison, SqsDeadLetterSink.SOURCE)).isEqualTo(source.substring(source.lastIndexOf('/') + 1));
    }

    @Test
    @DisplayName("(a) a poison message close to 256 KiB is dead-lettered truncated, and the next message is stored, instead of backing off forever")
    void pipelineHugePoisonMessage() {
      String source = queue("orders", false, Map.of());
      String dlq = queue("orders-dlq", false, Map.of());
      String poison = "{" + "x".repeat(261_999); // not JSON; 262,000 bytes: with reason and attributes over 256 KiB
      SQS.client().sendMessage(r -> r.queueUrl(source).messageBody(poison));
      SQS.client().sendMessage(r -> r.queueUrl(source)
          .messageBody(new String(TestChanges.insert("shop.orders", 1, 1, "a"), StandardCharsets.UTF_8)));
      InMemoryAuditStore store = new InMemoryAuditStore();

      try (AuditPipeline pipeline = AuditPipeline.builder()
          .source(SqsChangeSource.builder(SQS.client(), source).visibilityTimeout(Duration.ofSeconds(30)).build())
          .decoder(TestChanges.decoder())
          .store(store)
          .deadLetters(SqsDeadLetterSink.builder(SQS.client(), dlq).build())
          .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 2.0, 0.5, 0))
          .pollTimeout(Duration.ofSeconds(1))
          .build()) {
        pipeline.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.count() == 1 && pipeline.health().deadLettered() == 1
            && SQS.counts(source).isEmpty());
        assertThat(pipeline.health().state()).isEqualTo(PipelineHealth.State.RUNNING);
      }

      Message letter = drain(dlq, 1).get(0);
      assertThat(poison).startsWith(letter.body());
      assertThat(attribute(letter, SqsDeadLetterSink.TRUNCATED)).isEqualTo("value");
      assertThat(attribute(letter, SqsDeadLetterSink.VALUE_ORIGINAL))
          .isEqualTo("size=262000 sha256=" + sha256(poison.getBytes(StandardCharsets.UTF_8)));
      assertThat(attribute(letter, SqsDeadLetterSink.REASON)).startsWith("undecodable: ");
    }

    @Test
    @DisplayName("(b) the queue's redrive policy moves a message that crashed its consumers maxReceiveCount times to the DLQ")
    void redrivePolicy() {
      String dlq = queue("redrive-dlq", false, Map.of());
      String source = queue("redrive", false, Map.of(QueueAttributeName.REDRIVE_POLICY,
          "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + SQS.arnOf(dlq) + "\"}"));
      SQS.client().sendMessage(r -> r.queueUrl(source).messageBody("crashes every consumer"));

      List<String> receiveCounts = new ArrayList<>();
      for (int attempt = 1; attempt <= 2; attempt++) {
        // A consumer receives it and dies before acknowledging: no close(), no more polls.
        SqsChangeSource doomed = SqsChangeSource.builder(SQS.client(), source).visibilityTimeout(Duration.ofSeconds(1)).build();
        List<SourceMessage> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> got.addAll(doomed.poll(Duration.ofMillis(200))));
        receiveCounts.add(got.get(0).headers().get(SqsChangeSource.RECEIVE_COUNT));
      }
      SqsChangeSource survivor = SqsChangeSource.builder(SQS.client(), source).visibilityTimeout(Duration.ofSeconds(30)).build();

      List<Message> parked = new ArrayList<>();
      await().atMost(Duration.ofSeconds(15)).until(() -> {
        assertThat(survivor.poll(Duration.ofMillis(200))).as("a third delivery to a consumer").isEmpty();
        parked.addAll(SQS.receiveRaw(dlq, 300, 0));
        return !parked.isEmpty();
      });
      survivor.close();

      assertThat(receiveCounts).containsExactly("1", "2");
      assertThat(parked).extracting(Message::body).containsExactly("crashes every consumer");
      assertThat(SQS.counts(source)).isEqualTo(QueueCounts.EMPTY);
    }
  }
}
