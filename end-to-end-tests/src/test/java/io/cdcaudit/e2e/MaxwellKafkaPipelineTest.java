package io.cdcaudit.e2e;

import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.testservers.MaxwellProcess;
import io.cdcaudit.testservers.TestServers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MariaDB -> Maxwell -> Kafka -> pipeline -> MongoDB")
class MaxwellKafkaPipelineTest {

  @Test
  @DisplayName("every change arrives once, with correct before, after, diff, transaction and actor")
  @SuppressWarnings("try") // the producer runs for the whole test, unreferenced; the try stops it
  void everyChangeOnce() throws Exception {
    KafkaBroker kafka = TestServers.kafka();
    MariaDbServer db = TestServers.mariaDb();
    CdcScenario scenario = new CdcScenario(db.createDatabase("e2e_maxwell"));
    String topic = "e2e-maxwell";
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

    try (AuditMongo mongo = AuditMongo.start();
         MaxwellProcess maxwell = MaxwellProcess.start(db, kafka, topic, "e2e-maxwell", MaxwellProcess.FULL_OUTPUT);
         AuditPipeline pipeline = CdcScenario.pipeline(kafka, topic, mongo.store(), deadLetters)) {
      pipeline.start();
      scenario.run(db);
      scenario.awaitTrail(mongo.store(), pipeline);
      // Maxwell 1.22.6 cannot carry the statement on MariaDB (no Rows_query events there).
      scenario.assertTrail(mongo.store(), deadLetters, false);
    }
  }
}
