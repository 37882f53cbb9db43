package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.testservers.DynaliteServer;
import io.cdcaudit.testservers.KclLeaseTables;
import io.cdcaudit.testservers.KinesisLocal;
import io.cdcaudit.testservers.KinesisStreams;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.testservers.MaxwellProcess;
import io.cdcaudit.testservers.TestServers;
import io.cdcaudit.trail.AuditTrail;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Maxwell's own Kinesis producer: the Kinesis Producer Library, which puts several rows into one
 * KPL aggregate record; the KCL de-aggregates them and the source checkpoints each user record.
 */
@DisplayName("MariaDB -> Maxwell's Kinesis producer (KPL) -> Kinesis -> pipeline -> MongoDB")
class MaxwellKinesisPipelineTest {

  @Test
  @DisplayName("every change arrives once, with correct before, after, diff, transaction and actor, also out of KPL aggregates")
  @SuppressWarnings("try") // the producer runs for the whole test, unreferenced; the try stops it
  void everyChangeOnce() throws Exception {
    KinesisLocal kinesis = TestServers.kinesisLocal();
    DynaliteServer dynalite = TestServers.dynalite();
    MariaDbServer db = TestServers.mariaDb();
    CdcScenario scenario = new CdcScenario(db.createDatabase("e2e_kinesis"));
    String stream = KinesisStreams.createUnique(kinesis, "e2e-maxwell", 2);
    String application = KclLeaseTables.create(dynalite, "e2e-" + UUID.randomUUID().toString().substring(0, 8));
    Map<String, String> options = new LinkedHashMap<>(MaxwellProcess.FULL_OUTPUT);
    options.put("producer_partition_by", "primary_key"); // a row's changes share a shard (the default: the database)
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

    try (AuditMongo mongo = AuditMongo.start();
         MaxwellProcess maxwell = MaxwellProcess.startKinesis(db, kinesis, stream, "e2e-kinesis", options);
         AuditPipeline pipeline = CdcScenario.pipeline(
             KinesisSources.quick(kinesis.endpoint(), dynalite.endpoint(), stream, application).build(),
             mongo.store(), deadLetters)) {
      pipeline.start();
      scenario.run(db);
      scenario.awaitTrail(mongo.store(), pipeline);
      scenario.assertTrail(mongo.store(), deadLetters, false);

      // One statement of 40 rows: the KPL puts them into aggregates, each row a user record of its own.
      db.execute(scenario.database, "CREATE TABLE bulk (id INT PRIMARY KEY, v INT)",
          "INSERT INTO bulk (id, v) SELECT seq, seq * 2 FROM seq_1_to_40");
      TableRef bulk = TableRef.of(scenario.database, "bulk");
      await().atMost(Duration.ofMinutes(1)).until(() -> rows(mongo.store(), bulk).size() >= 40);
      List<AuditRecord> bulkRows = rows(mongo.store(), bulk);
      assertThat(bulkRows).extracting(r -> r.event().primaryKey().toString()).doesNotHaveDuplicates().hasSize(40);
      assertThat(bulkRows).as("rows de-aggregated out of KPL aggregates (position <sequence>:<sub-sequence>)")
          .filteredOn(r -> r.event().origin().orElseThrow().position().contains(":"))
          .hasSizeGreaterThan(1);
    }
  }

  private static List<AuditRecord> rows(AuditQueries store, TableRef table) {
    return AuditTrail.over(store).stream(AuditQuery.byTable(table), SortOrder.OLDEST_FIRST)
        .filter(r -> r.event().operation().isRowChange())
        .toList();
  }
}
