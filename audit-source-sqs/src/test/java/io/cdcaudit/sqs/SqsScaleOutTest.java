package io.cdcaudit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.tck.TestChanges;
import io.cdcaudit.testservers.ElasticMqServer.QueueCounts;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

@DisplayName("Scale-out: three pipelines on one standard queue")
class SqsScaleOutTest {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  private static final int EVENTS = 20_000;
  private static final int CONSUMERS = 3;

  private final List<SqsClient> clients = new ArrayList<>();
  private String queueUrl;

  @AfterEach
  void cleanUp() {
    clients.forEach(SqsClient::close);
    if (queueUrl != null) {
      SQS.deleteQueue(queueUrl);
    }
  }

  @Test
  @DisplayName("20,000 events make exactly 20,000 records, every consumer takes part, and the queue ends empty")
  void threeConsumers() throws Exception {
    queueUrl = SQS.createQueue("scale", false);
    InMemoryAuditStore store = new InMemoryAuditStore();
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    List<AuditPipeline> pipelines = new ArrayList<>();
    for (int i = 0; i < CONSUMERS; i++) {
      SqsClient client = SQS.newClient();
      clients.add(client);
      pipelines.add(AuditPipeline.builder()
          .name("consumer-" + i)
          .source(SqsChangeSource.builder(client, queueUrl).visibilityTimeout(Duration.ofSeconds(30)).build())
          .decoder(TestChanges.decoder())
          .store(store)
          .deadLetters(deadLetters)
          .parallelism(2)
          .batchSize(200)
          .pollTimeout(Duration.ofSeconds(1))
          .build());
    }
    pipelines.forEach(AuditPipeline::start);

    publish();
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
        return store.count() >= EVENTS && SQS.counts(queueUrl).isEmpty();
      });
    } finally {
      pipelines.forEach(AuditPipeline::stop);
    }

    List<PipelineHealth> health = pipelines.stream().map(AuditPipeline::health).toList();
    assertThat(store.count()).isEqualTo(EVENTS);
    assertThat(SQS.counts(queueUrl)).isEqualTo(QueueCounts.EMPTY);
    assertThat(deadLetters.letters()).isEmpty();
    assertThat(health).allSatisfy(h -> {
      assertThat(h.state()).isEqualTo(PipelineHealth.State.STOPPED);
      assertThat(h.stored()).as("each consumer stored some").isPositive();
    });
    assertThat(health.stream().mapToLong(PipelineHealth::received).sum()).isGreaterThanOrEqualTo(EVENTS);
    System.err.printf("scale-out: received per consumer %s%n", health.stream().map(PipelineHealth::received).toList());
  }

  /** 20,000 distinct inserts in batches of ten, from four threads. */
  private void publish() throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> sent = new ArrayList<>();
      int perSender = EVENTS / 4;
      for (int s = 0; s < 4; s++) {
        int from = s * perSender;
        sent.add(senders.submit(() -> {
          List<SendMessageBatchRequestEntry> entries = new ArrayList<>(perSender);
          for (int seq = from; seq < from + perSender; seq++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                .messageBody(new String(TestChanges.insert("shop.orders", seq, seq, "v" + seq), StandardCharsets.UTF_8))
                .build());
          }
          SQS.sendAll(queueUrl, entries);
        }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      senders.shutdown();
    }
  }
}
