package io.cdcaudit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.tck.fixtures.ExpectedEvent;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The captured Maxwell and Debezium events of the public corpus, sent through SQS (Debezium's
 * every other line wrapped in an SNS envelope, as an SNS-to-SQS subscription delivers it), read by
 * the pipeline with the auto-detecting decoder into the memory store.
 */
@DisplayName("End to end: captured Maxwell and Debezium events -> SQS (some through SNS) -> pipeline -> store")
class SqsEndToEndTest {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  private String queueUrl;

  @AfterEach
  void deleteQueue() {
    if (queueUrl != null) {
      SQS.deleteQueue(queueUrl);
    }
  }

  @Test
  @DisplayName("every row change arrives once with its table, operation and key; markers and tombstones are skipped; nothing is dead-lettered")
  void capturedEvents() {
    queueUrl = SQS.createQueue("cdc", false);
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (FixtureLine line : Fixtures.capture(Fixtures.MAXWELL)) {
      entries.add(SendMessageBatchRequestEntry.builder().messageBody(line.value()).build());
    }
    int wrapped = 0;
    for (FixtureLine line : Fixtures.capture(Fixtures.DEBEZIUM)) {
      // SQS takes no empty body: a tombstone travels as the JSON literal null, which the decoder reads as one.
      String value = line.isTombstone() ? "null" : line.value();
      SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder();
      if (line.line() % 2 == 0) {
        entry.messageBody(snsEnvelope(line, value));
        wrapped++;
      } else {
        entry.messageBody(value);
        if (line.key() != null) {
          entry.messageAttributes(Map.of(SqsChangeSource.KEY_ATTRIBUTE, ElasticMqServer.text(line.key())));
        }
      }
      entries.add(entry.build());
    }
    SQS.sendAll(queueUrl, entries);

    List<ExpectedEvent> expected = new ArrayList<>(Fixtures.expected(Fixtures.MAXWELL));
    expected.addAll(Fixtures.expected(Fixtures.DEBEZIUM));
    List<Expectations> changes = expected.stream().filter(e -> !e.isSkipped()).map(Expectations::of).toList();
    long skipped = expected.stream().filter(ExpectedEvent::isSkipped).count();
    InMemoryAuditStore store = new InMemoryAuditStore();
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

    PipelineHealth health;
    try (AuditPipeline pipeline = AuditPipeline.builder()
        .source(SqsChangeSource.builder(SQS.client(), queueUrl).visibilityTimeout(Duration.ofSeconds(30)).build())
        .decoder(ChangeDecoders.auto())
        .store(store)
        .deadLetters(deadLetters)
        .pollTimeout(Duration.ofSeconds(1))
        .build()) {
      pipeline.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        return SQS.counts(queueUrl).isEmpty();
      });
      health = pipeline.health();
    }

    assertThat(wrapped).isEqualTo(16);
    assertThat(deadLetters.letters()).isEmpty();
    assertThat(health.received()).isEqualTo(entries.size());
    assertThat(health.skipped()).isEqualTo(skipped);
    assertThat(store.count()).isEqualTo(changes.size());
    assertThat(Expectations.ofRecords(store.all())).containsExactlyInAnyOrderElementsOf(changes);
  }

  /** The envelope SNS writes for a notification delivered to SQS without raw message delivery. */
  private static String snsEnvelope(FixtureLine line, String message) {
    StringBuilder json = new StringBuilder()
        .append("{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"").append(java.util.UUID.randomUUID())
        .append("\",\n  \"TopicArn\" : \"arn:aws:sns:us-east-1:000000000000:").append(line.topic().replace('.', '-'))
        .append("\",\n  \"Message\" : ").append(SqsChangeSourceTest.quoted(message))
        .append(",\n  \"Timestamp\" : \"2026-11-23T08:00:00.000Z\",\n  \"SignatureVersion\" : \"1\",\n")
        .append("  \"Signature\" : \"c2lnbmF0dXJl\",\n")
        .append("  \"SigningCertURL\" : \"https://sns.us-east-1.amazonaws.com/SimpleNotificationService.pem\",\n")
        .append("  \"UnsubscribeURL\" : \"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe\"");
    if (line.key() != null) {
      json.append(",\n  \"MessageAttributes\" : {\"key\" : {\"Type\" : \"String\", \"Value\" : ")
          .append(SqsChangeSourceTest.quoted(line.key())).append("}}");
    }
    return json.append("\n}").toString();
  }
}
