package io.cdcaudit.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.testservers.ElasticMqServer;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.testservers.MaxwellProcess;
import io.cdcaudit.testservers.TestServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Maxwell's Daemon 1.22.6 with its own SQS producer, against ElasticMQ. Its producer builds the
 * AWS SDK v1 default client (region and credentials from the environment, set in this module's
 * Surefire configuration) and sets no endpoint; the SDK v1 SQS client sends each request to the
 * host of the queue URL it is given, so {@code sqs_queue_uri} pointing at ElasticMQ is enough.
 *
 * <p>What 1.22.6's SQS producer does not do: it writes every row with Maxwell's default output
 * ({@code RowMap.toJSON()} without the configured output options, so no {@code primary_key_columns},
 * no binlog position), and it cannot send DDL events (their default JSON is null, which SQS refuses as
 * a missing MessageBody). So the decoder is told the table's key, as for any default-output Maxwell.
 */
@DisplayName("End to end: MariaDB -> Maxwell's SQS producer -> SQS -> pipeline -> store")
class MaxwellSqsProducerTest {

  private static final ElasticMqServer SQS = TestServers.elasticMq();

  private String queueUrl;

  @AfterEach
  void deleteQueue() {
    if (queueUrl != null) {
      SQS.deleteQueue(queueUrl);
    }
  }

  @Test
  @DisplayName("every row change of the workload is stored once, with its table, operation, key and changed columns")
  void maxwellToSqs() {
    MariaDbServer db = TestServers.mariaDb();
    String database = db.createDatabase("sqs_maxwell_it");
    queueUrl = SQS.createQueue("maxwell", false);
    // The queue URL as seen from Maxwell's process: ElasticMQ's host and port, its default account.
    String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    String maxwellQueueUrl = SQS.endpoint() + "/000000000000/" + queueName;
    Map<String, String> options = new LinkedHashMap<>();
    options.put("producer", "sqs");
    options.put("sqs_queue_uri", maxwellQueueUrl);
    options.put("filter", "exclude: *.*, include: " + database + ".*");
    InMemoryAuditStore store = new InMemoryAuditStore();
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

    // startStdout is the launcher for any producer but Kafka: "producer" above overrides its stdout.
    try (MaxwellProcess maxwell = MaxwellProcess.startStdout(db, "sqs-it", options);
         AuditPipeline pipeline = AuditPipeline.builder()
             .source(SqsChangeSource.builder(SQS.client(), queueUrl).visibilityTimeout(Duration.ofSeconds(30)).build())
             .decoder(ChangeDecoders.auto(
                 ChangeDecoders.maxwellBuilder().primaryKey(database + ".accounts", "id").build(), ChangeDecoders.debezium()))
             .store(store)
             .deadLetters(deadLetters)
             .pollTimeout(Duration.ofSeconds(1))
             .build()) {
      pipeline.start();
      db.execute(database,
          "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance DECIMAL(10,2), updated_by VARCHAR(40))",
          "INSERT INTO accounts VALUES (1, 'alice', 10.00, 'app'), (2, 'bob', 20.00, 'app')",
          "UPDATE accounts SET balance = 15.00, updated_by = 'carol' WHERE id = 1",
          "DELETE FROM accounts WHERE id = 2");

      await().atMost(Duration.ofSeconds(60)).until(() -> store.count() >= 4 && SQS.counts(queueUrl).isEmpty());
      assertThat(maxwell.isRunning()).isTrue();
    }

    List<AuditRecord> records = store.all();
    assertThat(deadLetters.letters()).isEmpty();
    assertThat(Expectations.ofRecords(records)).containsExactlyInAnyOrder(
        new Expectations(database, "accounts", "insert", Map.of("id", 1L)),
        new Expectations(database, "accounts", "insert", Map.of("id", 2L)),
        new Expectations(database, "accounts", "update", Map.of("id", 1L)),
        new Expectations(database, "accounts", "delete", Map.of("id", 2L)));
    AuditRecord update = records.stream().filter(r -> r.event().operation().wireName().equals("update")).findFirst().orElseThrow();
    assertThat(update.changes()).extracting(FieldChange::column).containsExactly("balance", "updated_by");
    assertThat(update.event().producer()).isNotBlank();
  }
}
