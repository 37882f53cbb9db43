package io.cdcaudit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.event.EventId;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.tck.TestChanges;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

@DisplayName("A pipeline on SQS keeps the messages of a batch its store is still writing")
class SqsPipelineVisibilityTest {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  private String queueUrl;

  @AfterEach
  void deleteQueue() {
    if (queueUrl != null) {
      SQS.deleteQueue(queueUrl);
    }
  }

  /** A store whose appends wait until released: a slow write. */
  private static final class SlowStore implements AuditStore {
    final InMemoryAuditStore delegate = new InMemoryAuditStore();
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public AppendResult append(List<AuditRecord> records) {
      writing.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.append(records);
    }

    @Override
    public Optional<AuditRecord> find(EventId id) {
      return delegate.find(id);
    }

    long count() {
      return delegate.count();
    }
  }

  @Test
  @DisplayName("a write three times longer than the visibility timeout: another consumer gets none of its messages, all are stored once")
  void slowStoreKeepsItsMessages() throws Exception {
    queueUrl = SQS.createQueue("slow", false);
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int seq = 0; seq < 30; seq++) {
      entries.add(SendMessageBatchRequestEntry.builder()
          .messageBody(new String(TestChanges.insert("shop.orders", seq, seq, "v" + seq), StandardCharsets.UTF_8)).build());
    }
    SQS.sendAll(queueUrl, entries);
    SlowStore store = new SlowStore();
    List<SourceMessage> stolen = new ArrayList<>();

    try (AuditPipeline pipeline = AuditPipeline.builder()
             .source(SqsChangeSource.builder(SQS.client(), queueUrl).visibilityTimeout(Duration.ofSeconds(2)).build())
             .decoder(TestChanges.decoder())
             .store(store)
             .deadLetters(new InMemoryDeadLetterSink())
             .pollTimeout(Duration.ofMillis(500))
             .build();
         SqsChangeSource other = SqsChangeSource.builder(SQS.client(), queueUrl).visibilityTimeout(Duration.ofSeconds(30)).build()) {
      pipeline.start();
      assertThat(store.writing.await(30, TimeUnit.SECONDS)).as("the store started writing").isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.health().received() == 30);

      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
      while (System.nanoTime() - end < 0) {
        stolen.addAll(other.poll(Duration.ofMillis(200)));
      }
      store.release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        return store.count() == 30 && SQS.counts(queueUrl).isEmpty();
      });
      stolen.addAll(other.poll(Duration.ofMillis(500)));
    }

    assertThat(stolen).isEmpty();
    assertThat(store.count()).isEqualTo(30);
  }
}
