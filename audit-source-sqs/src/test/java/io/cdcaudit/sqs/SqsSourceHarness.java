package io.cdcaudit.sqs;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.tck.source.SourceHarness;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The source contract's harness over a fresh ElasticMQ queue: a standard queue (no order) or a
 * FIFO queue, where a message's key is its MessageGroupId. Values are sent as the body text, the
 * key also as the {@code key} attribute.
 */
final class SqsSourceHarness implements SourceHarness {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  /** Short, so that the contract's "does not come back" checks can wait it out. */
  static final Duration VISIBILITY = Duration.ofSeconds(2);

  private final boolean fifo;
  private final String queueUrl;

  SqsSourceHarness(boolean fifo) {
    this.fifo = fifo;
    this.queueUrl = SQS.createQueue("kit", fifo);
  }

  String queueUrl() {
    return queueUrl;
  }

  @Override
  public void publish(List<Message> messages) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (Message message : messages) {
      SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
          .messageBody(new String(message.value(), StandardCharsets.UTF_8))
          .messageAttributes(java.util.Map.of(SqsChangeSource.KEY_ATTRIBUTE, ElasticMqServer.text(message.key())));
      if (fifo) {
        entry.messageGroupId(message.key()).messageDeduplicationId(UUID.randomUUID().toString());
      }
      entries.add(entry.build());
    }
    SQS.sendAll(queueUrl, entries);
  }

  @Override
  public ChangeSource openSource() {
    return SqsChangeSource.builder(SQS.client(), queueUrl).visibilityTimeout(VISIBILITY).build();
  }

  @Override
  public ChangeSource openRefusedSource() {
    // A queue URL that names no queue, as after a typo or a deleted queue.
    String gone = SQS.createQueue("gone", queueUrl.endsWith(".fifo"));
    SQS.deleteQueue(gone);
    return SqsChangeSource.builder(SQS.client(), gone).visibilityTimeout(VISIBILITY).build();
  }

  @Override
  public Duration quietPeriod() {
    return VISIBILITY.plusSeconds(1);
  }

  @Override
  public void close() {
    SQS.deleteQueue(queueUrl);
  }
}
