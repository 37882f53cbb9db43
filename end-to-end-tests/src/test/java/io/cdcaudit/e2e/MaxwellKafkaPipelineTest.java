package io.cdcaudit.e2e;

import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.testservers.MaxwellProcess;
import io.cdcaudit.testservers.TestServers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MariaDB -> Maxwell -> Kafka -> pipeline -> store")
class MaxwellKafkaPipelineTest {

  @Test
  @DisplayName("every change arrives once, with correct before, after, diff, transaction and actor")
  void everyChangeOnce() throws Exception {
    KafkaBroker kafka = TestServers.kafka();
    MariaDbServer db = TestServers.mariaDb();
    CdcScenario scenario = new CdcScenario(db.createDatabase("e2e_maxwell"));
    String topic = "e2e-maxwell";
    InMemoryAuditStore store = new InMemoryAuditStore();
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

    try (MaxwellProcess maxwell = MaxwellProcess.start(db, kafka, topic, "e2e-maxwell", MaxwellProcess.FULL_OUTPUT);
         AuditPipeline pipeline = CdcScenario.pipeline(kafka, topic, store, deadLetters)) {
      pipeline.start();
      scenario.run(db);
      scenario.awaitTrail(store, pipeline);
    }

    // Maxwell 1.22.6 cannot carry the statement on MariaDB (no Rows_query events there).
    scenario.assertTrail(store, deadLetters, false);
  }
}
