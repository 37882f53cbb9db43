package io.cdcaudit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.testservers.ElasticMqServer.QueueCounts;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

@DisplayName("SqsChangeSource on ElasticMQ")
class SqsChangeSourceTest {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  private static final Duration POLL = Duration.ofMillis(200);

  private final List<String> queues = new ArrayList<>();
  private final List<SqsChangeSource> sources = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    for (SqsChangeSource source : sources) {
      try {
        source.close();
      } catch (RuntimeException closedByTest) {
        // already closed
      }
    }
    queues.forEach(SQS::deleteQueue);
  }

  private String queue(boolean fifo) {
    String url = SQS.createQueue("source", fifo);
    queues.add(url);
    return url;
  }

  private SqsChangeSource open(String queueUrl, Duration visibility) {
    return open(SqsChangeSource.builder(SQS.client(), queueUrl).visibilityTimeout(visibility));
  }

  private SqsChangeSource open(SqsChangeSource.Builder builder) {
    SqsChangeSource source = builder.build();
    sources.add(source);
    return source;
  }

  private static void send(String queueUrl, String... bodies) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (String body : bodies) {
      entries.add(SendMessageBatchRequestEntry.builder().messageBody(body).build());
    }
    SQS.sendAll(queueUrl, entries);
  }

  private static void sendToGroup(String queueUrl, String group, List<String> bodies) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (String body : bodies) {
      entries.add(SendMessageBatchRequestEntry.builder().messageBody(body)
          .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString()).build());
    }
    SQS.sendAll(queueUrl, entries);
  }

  private static String text(SourceMessage m) {
    return new String(m.value(), StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<SourceMessage> messages) {
    return messages.stream().map(SqsChangeSourceTest::text).toList();
  }

  /** Polls until {@code done} holds for what arrived, failing after {@code within}. */
  private static List<SourceMessage> pollUntil(SqsChangeSource source, Duration within, Predicate<List<SourceMessage>> done) {
    List<SourceMessage> received = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.test(received)) {
      assertThat(System.nanoTime() - deadline).as("waited %s; received %s", within, texts(received)).isNegative();
      received.addAll(source.poll(POLL));
    }
    return received;
  }

  /** Polls for {@code period}; returns what arrived. */
  private static List<SourceMessage> pollFor(SqsChangeSource source, Duration period) {
    List<SourceMessage> received = new ArrayList<>();
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() - end < 0) {
      received.addAll(source.poll(POLL));
    }
    return received;
  }

  @Nested
  @DisplayName("delivers")
  class Delivers {

    @Test
    @DisplayName("standard-queue messages as one unordered partition, with the message id, key, attributes, receive count and sent time")
    void standardCoordinatesAndHeaders() {
      String url = queue(false);
      Instant before = Instant.now().minusSeconds(2);
      SQS.client().sendMessage(r -> r.queueUrl(url).messageBody("{\"id\":1}").messageAttributes(Map.of(
          "key", ElasticMqServer.text("{\"id\":1}"),
          "tenant", ElasticMqServer.text("acme"),
          "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2})).build())));
      send(url, "no attributes");
      SqsChangeSource source = open(url, Duration.ofSeconds(30));

      List<SourceMessage> received = pollUntil(source, Duration.ofSeconds(10), r -> r.size() == 2);

      SourceMessage keyed = received.stream().filter(m -> text(m).equals("{\"id\":1}")).findFirst().orElseThrow();
      assertThat(keyed.partition()).isEqualTo(SourcePartition.unordered(source.queueName()));
      assertThat(keyed.coordinates().position()).matches("[0-9a-f-]{36}");
      assertThat(keyed.key()).isEqualTo("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
      assertThat(keyed.headers())
          .containsEntry("tenant", "acme")
          .containsEntry("blob", "AQI=")
          .containsEntry(SqsChangeSource.RECEIVE_COUNT, "1")
          .containsKey(SqsChangeSource.SENT_TIMESTAMP);
      assertThat(keyed.timestamp()).isBetween(before, Instant.now().plusSeconds(2));
      assertThat(keyed.receipt()).isInstanceOf(String.class);
      assertThat(keyed.toString()).doesNotContain((String) keyed.receipt());
      SourceMessage plain = received.stream().filter(m -> text(m).equals("no attributes")).findFirst().orElseThrow();
      assertThat(plain.key()).isNull();
      assertThat(source.fifo()).isFalse();
    }

    @Test
    @DisplayName("FIFO messages partitioned by MessageGroupId, in order per group, groups side by side, when acknowledged as they arrive")
    void fifoOrderPerGroup() {
      String url = queue(true);
      Map<String, List<String>> published = new LinkedHashMap<>();
      for (String group : List.of("g-a", "g-b", "g-c")) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          bodies.add(group + ":" + i);
        }
        published.put(group, bodies);
      }
      // interleave the groups, as a producer writing three rows' changes would
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        for (String group : published.keySet()) {
          entries.add(SendMessageBatchRequestEntry.builder().messageBody(published.get(group).get(i))
              .messageGroupId(group).messageDeduplicationId(group + "-" + i).build());
        }
      }
      SQS.sendAll(url, entries);
      SqsChangeSource source = open(url, Duration.ofSeconds(30));

      Map<String, List<String>> receivedByGroup = new LinkedHashMap<>();
      boolean severalGroupsInOnePoll = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int total = 0;
      while (total < 300) {
        assertThat(System.nanoTime() - deadline).as("received %s so far", total).isNegative();
        List<SourceMessage> batch = source.poll(POLL);
        Set<SourcePartition> partitions = new HashSet<>();
        for (SourceMessage m : batch) {
          assertThat(m.partition()).isEqualTo(SourcePartition.ordered(source.queueName(), m.headers().get(SqsChangeSource.MESSAGE_GROUP_ID)));
          assertThat(m.headers()).containsKey(SqsChangeSource.SEQUENCE_NUMBER);
          receivedByGroup.computeIfAbsent(m.partition().partition(), g -> new ArrayList<>()).add(text(m));
          partitions.add(m.partition());
        }
        severalGroupsInOnePoll |= partitions.size() > 1;
        total += batch.size();
        source.acknowledge(batch);
      }

      assertThat(receivedByGroup).isEqualTo(published);
      assertThat(severalGroupsInOnePoll).as("one poll brings messages of several groups").isTrue();
      assertThat(pollFor(source, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    @DisplayName("no more of a FIFO group while its messages are in flight elsewhere: another consumer takes the other groups")
    void fifoGroupBelongsToOneConsumerAtATime() {
      String url = queue(true);
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        a.add("a:" + i);
        b.add("b:" + i);
      }
      sendToGroup(url, "a", a);
      sendToGroup(url, "b", b);
      SqsChangeSource first = open(SqsChangeSource.builder(SQS.client(), url)
          .visibilityTimeout(Duration.ofSeconds(30)).receiveBatches(1));
      SqsChangeSource second = open(url, Duration.ofSeconds(30));

      List<SourceMessage> held = pollUntil(first, Duration.ofSeconds(10), r -> !r.isEmpty());
      String heldGroup = held.get(0).partition().partition();
      List<SourceMessage> other = pollFor(second, Duration.ofSeconds(1));

      assertThat(held).allMatch(m -> m.partition().partition().equals(heldGroup)).hasSize(10);
      assertThat(other).as("the second consumer gets only the other group, and of it only what one call took")
          .hasSize(10).allMatch(m -> !m.partition().partition().equals(heldGroup));
      first.acknowledge(held);
      List<SourceMessage> rest = pollUntil(second, Duration.ofSeconds(10), r -> r.size() == 10);
      List<String> expected = new ArrayList<>();
      for (int i = 10; i < 20; i++) {
        expected.add(heldGroup + ":" + i);
      }
      assertThat(texts(rest)).as("the rest of the group, in order, once the first ten are deleted").isEqualTo(expected);
    }

    @Test
    @DisplayName("a poll long-polls: a message sent while it waits comes back from that same poll")
    void longPolling() throws Exception {
      String url = queue(false);
      SqsChangeSource source = open(url, Duration.ofSeconds(30));
      CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(700);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(url, "late");
      });

      List<SourceMessage> received = source.poll(Duration.ofSeconds(10));

      later.get(10, TimeUnit.SECONDS);
      assertThat(texts(received)).containsExactly("late");
    }

    @Test
    @DisplayName("several receive calls per poll while the queue has full batches, up to receiveBatches")
    void receiveBatches() {
      String url = queue(false);
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 35; i++) {
        bodies.add("m" + i);
      }
      send(url, bodies.toArray(String[]::new));
      SqsChangeSource one = open(SqsChangeSource.builder(SQS.client(), url).receiveBatches(1));
      SqsChangeSource five = open(SqsChangeSource.builder(SQS.client(), url).receiveBatches(5));

      List<SourceMessage> byOne = one.poll(Duration.ofSeconds(2));
      List<SourceMessage> byFive = five.poll(Duration.ofSeconds(2));

      assertThat(byOne).hasSize(10);
      assertThat(byFive).hasSize(25);
    }

    @Test
    @DisplayName("lag is the number of visible messages")
    void lag() {
      String url = queue(false);
      send(url, "1", "2", "3", "4", "5", "6", "7");
      SqsChangeSource source = open(SqsChangeSource.builder(SQS.client(), url).lagRefresh(Duration.ZERO));

      assertThat(source.lag()).hasValue(7);
      pollUntil(source, Duration.ofSeconds(10), r -> r.size() == 7);
      assertThat(source.lag()).hasValue(0);
    }
  }

  @Nested
  @DisplayName("keeps visibility")
  class Visibility {

    @Test
    @DisplayName("a message held unacknowledged stays hidden from a second consumer beyond the visibility timeout, also while paused")
    void extendsWhileHeld() {
      String url = queue(false);
      send(url, "held");
      SqsChangeSource holder = open(url, Duration.ofSeconds(3));
      SqsChangeSource other = open(url, Duration.ofSeconds(3));
      List<SourceMessage> held = pollUntil(holder, Duration.ofSeconds(10), r -> !r.isEmpty());

      List<SourceMessage> seenByOther = new ArrayList<>();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() - end < 0) {
        holder.poll(POLL);
        seenByOther.addAll(other.poll(POLL));
      }
      holder.pause();
      end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() - end < 0) {
        assertThat(holder.poll(POLL)).isEmpty();
        seenByOther.addAll(other.poll(POLL));
      }
      holder.acknowledge(held);
      seenByOther.addAll(pollFor(other, Duration.ofSeconds(3)));

      assertThat(seenByOther).as("held 8 s with a 3 s visibility timeout (half of it paused), then acknowledged").isEmpty();
    }

    @Test
    @DisplayName("without polls (a stalled consumer) the message comes back to another after the visibility timeout")
    void lapsesWhenNotExtended() {
      String url = queue(false);
      send(url, "stalled");
      SqsChangeSource stalled = open(url, Duration.ofSeconds(1));
      SqsChangeSource other = open(url, Duration.ofSeconds(30));
      pollUntil(stalled, Duration.ofSeconds(10), r -> !r.isEmpty());

      List<SourceMessage> again = pollUntil(other, Duration.ofSeconds(10), r -> !r.isEmpty());

      assertThat(texts(again)).containsExactly("stalled");
      assertThat(again.get(0).headers()).containsEntry(SqsChangeSource.RECEIVE_COUNT, "2");
    }

    @Test
    @DisplayName("close() makes unacknowledged messages visible at once, not after the visibility timeout")
    void closeReleases() {
      String url = queue(false);
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        bodies.add("r" + i);
      }
      send(url, bodies.toArray(String[]::new));
      SqsChangeSource first = open(url, Duration.ofMinutes(10));
      List<SourceMessage> received = pollUntil(first, Duration.ofSeconds(10), r -> r.size() == 15);
      first.acknowledge(received.subList(0, 5));

      first.close();

      SqsChangeSource second = open(url, Duration.ofMinutes(10));
      List<SourceMessage> again = pollUntil(second, Duration.ofSeconds(5), r -> r.size() == 10);
      assertThat(texts(again)).containsExactlyInAnyOrderElementsOf(texts(received.subList(5, 15)));
      assertThatThrownBy(() -> first.poll(POLL)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      first.close(); // twice is harmless
    }

    @Test
    @DisplayName("a delete SQS refuses is reported, naming the message (ElasticMQ refuses a receipt handle superseded after a lapse)")
    void failedDeleteIsReported() {
      String url = queue(false);
      send(url, "contested");
      SqsChangeSource slow = open(url, Duration.ofSeconds(1));
      SqsChangeSource other = open(url, Duration.ofSeconds(30));
      List<SourceMessage> stale = pollUntil(slow, Duration.ofSeconds(10), r -> !r.isEmpty());
      List<SourceMessage> fresh = pollUntil(other, Duration.ofSeconds(10), r -> !r.isEmpty());

      assertThatThrownBy(() -> slow.acknowledge(stale))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining(stale.get(0).coordinates().position())
          .hasMessageContaining("could not delete 1 of 1");
      other.acknowledge(fresh);
      assertThat(SQS.counts(url)).isEqualTo(QueueCounts.EMPTY);
      slow.acknowledge(stale); // forgotten after the failure: nothing left to delete
    }
  }

  @Nested
  @DisplayName("unwraps SNS")
  class Sns {

    @Test
    @DisplayName("an SNS notification becomes the published text, with SNS id, topic and attributes; other JSON passes untouched")
    void unwrapsNotifications() {
      String url = queue(false);
      String inner = "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\",\"data\":{\"id\":7}}";
      String envelope = "{\"Type\":\"Notification\",\"MessageId\":\"sns-1\",\"TopicArn\":\"arn:aws:sns:us-east-1:000000000000:cdc\","
          + "\"Message\":" + quoted(inner) + ",\"Timestamp\":\"2026-11-23T08:00:00.000Z\","
          + "\"MessageAttributes\":{\"key\":{\"Type\":\"String\",\"Value\":\"{\\\"id\\\":7}\"}}}";
      String lookalike = "{\"Type\":\"Notification\",\"Message\":{\"id\":1}}";
      send(url, envelope, inner, lookalike);
      SqsChangeSource source = open(url, Duration.ofSeconds(30));

      List<SourceMessage> received = pollUntil(source, Duration.ofSeconds(10), r -> r.size() == 3);

      SourceMessage unwrapped = received.stream().filter(m -> m.headers().containsKey(SqsChangeSource.SNS_MESSAGE_ID)).findFirst().orElseThrow();
      assertThat(text(unwrapped)).isEqualTo(inner);
      assertThat(unwrapped.headers()).containsEntry(SqsChangeSource.SNS_MESSAGE_ID, "sns-1")
          .containsEntry(SqsChangeSource.SNS_TOPIC_ARN, "arn:aws:sns:us-east-1:000000000000:cdc");
      assertThat(unwrapped.key()).isEqualTo("{\"id\":7}".getBytes(StandardCharsets.UTF_8));
      assertThat(texts(received)).containsExactlyInAnyOrder(inner, inner, lookalike);
    }

    @Test
    @DisplayName("with unwrapSns(false) the envelope passes through as it is")
    void canBeTurnedOff() {
      String url = queue(false);
      String envelope = "{\"Type\":\"Notification\",\"MessageId\":\"sns-2\",\"Message\":\"hello\"}";
      send(url, envelope);
      SqsChangeSource source = open(SqsChangeSource.builder(SQS.client(), url).unwrapSns(false));

      List<SourceMessage> received = pollUntil(source, Duration.ofSeconds(10), r -> !r.isEmpty());

      assertThat(texts(received)).containsExactly(envelope);
      assertThat(received.get(0).headers()).doesNotContainKey(SqsChangeSource.SNS_MESSAGE_ID);
    }
  }

  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Nested
  @DisplayName("has a builder that")
  class Building {

    /** Never called: building makes no request. */
    private final SqsClient client = SqsClient.builder()
        .endpointOverride(java.net.URI.create("http://127.0.0.1:9"))
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
        .build();

    @AfterEach
    void closeClient() {
      client.close();
    }
    private final String url = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";

    @Test
    @DisplayName("names the setting that is wrong")
    void validation() {
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(null, url).build())
          .withMessage("SqsChangeSource.client is required");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, null).build())
          .withMessage("SqsChangeSource.queueUrl is required");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, "orders").build())
          .withMessageStartingWith("SqsChangeSource.queueUrl must be an absolute queue URL");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).receiveBatches(0).build())
          .withMessage("SqsChangeSource.receiveBatches must be 1 to 100, got 0");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).waitTime(Duration.ofSeconds(21)).build())
          .withMessage("SqsChangeSource.waitTime must be 0 to 20 s, got PT21S");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).waitTime(Duration.ofSeconds(-1)).build())
          .withMessageStartingWith("SqsChangeSource.waitTime");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).visibilityTimeout(Duration.ZERO).build())
          .withMessage("SqsChangeSource.visibilityTimeout must be whole seconds from 1 s to 12 h, got PT0S");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).visibilityTimeout(Duration.ofMillis(1500)).build())
          .withMessageStartingWith("SqsChangeSource.visibilityTimeout");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).visibilityTimeout(Duration.ofHours(12).plusSeconds(1)).build())
          .withMessageStartingWith("SqsChangeSource.visibilityTimeout");
      assertThatIllegalArgumentException().isThrownBy(() -> SqsChangeSource.builder(client, url).lagRefresh(Duration.ofSeconds(-1)).build())
          .withMessageStartingWith("SqsChangeSource.lagRefresh");
    }

    @Test
    @DisplayName("tells FIFO from standard by the queue name, and keeps the URL out of toString()")
    void fifoFromName() {
      SqsChangeSource fifo = SqsChangeSource.builder(client, url + ".fifo").build();
      SqsChangeSource standard = SqsChangeSource.builder(client, url).waitTime(Duration.ZERO)
          .visibilityTimeout(Duration.ofHours(12)).receiveBatches(100).build();

      assertThat(fifo.fifo()).isTrue();
      assertThat(fifo.queueName()).isEqualTo("orders.fifo");
      assertThat(standard.fifo()).isFalse();
      assertThat(fifo.toString()).isEqualTo("SqsChangeSource[orders.fifo, FIFO, 0 in flight]").doesNotContain("123456789012");
    }
  }

  @Test
  @DisplayName("a queue that does not exist makes the source unusable, naming the queue and the setting")
  void missingQueueIsUnusable() {
    String url = SQS.createQueue("gone", false);
    SQS.deleteQueue(url);
    SqsChangeSource source = open(url, Duration.ofSeconds(30));
    assertThatThrownBy(() -> source.poll(POLL))
        .isInstanceOf(io.cdcaudit.source.SourceException.class)
        .hasMessageContaining("receive failed")
        .hasMessageContaining("check the queue URL")
        .satisfies(e -> assertThat(((io.cdcaudit.source.SourceException) e).isUnusable()).isTrue());
  }
}
