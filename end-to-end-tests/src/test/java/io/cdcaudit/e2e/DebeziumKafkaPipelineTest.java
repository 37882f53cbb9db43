package io.cdcaudit.e2e;

import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.testservers.DebeziumProcess;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.testservers.TestServers;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MariaDB -> Debezium -> Kafka -> pipeline -> store")
class DebeziumKafkaPipelineTest {

  @Test
  @DisplayName("every change arrives once, with correct before, after, diff, transaction and actor")
  @SuppressWarnings("try") // the producer runs for the whole test, unreferenced; the try stops it
  void everyChangeOnce() throws Exception {
    KafkaBroker kafka = TestServers.kafka();
    MariaDbServer db = TestServers.mariaDb();
    CdcScenario scenario = new CdcScenario(db.createDatabase("e2e_debezium"));
    String topic = "e2e-debezium";
    InMemoryAuditStore store = new InMemoryAuditStore();
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

    try (DebeziumProcess debezium = DebeziumProcess.start(db, kafka, Map.of(
            "name", "e2e-debezium",
            "topic.prefix", "e2e",
            "database.include.list", scenario.database,
            DebeziumProcess.TOPIC, topic));
         AuditPipeline pipeline = CdcScenario.pipeline(kafka, topic, store, deadLetters)) {
      pipeline.start();
      scenario.run(db);
      scenario.awaitTrail(store, pipeline);
    }

    scenario.assertTrail(store, deadLetters, true);
  }
}
