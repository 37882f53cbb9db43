package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.testservers.DynaliteServer;
import io.cdcaudit.testservers.KclLeaseTables;
import io.cdcaudit.testservers.KinesisLocal;
import io.cdcaudit.testservers.KinesisStreams;
import io.cdcaudit.testservers.TestServers;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@DisplayName("Two Kinesis pipeline instances of one application")
class KinesisLeaseTakeoverTest {

  private static final int EVENTS = 20_000;

  @Test
  @DisplayName("share 4 shards through the KCL's leases; when one is killed the other takes its leases; nothing lost, nothing doubled")
  void shareAndTakeOver() throws Exception {
    KinesisLocal kinesis = TestServers.kinesisLocal();
    DynaliteServer dynalite = TestServers.dynalite();
    String stream = KinesisStreams.createUnique(kinesis, "leases", 4);
    String application = KclLeaseTables.create(dynalite, "leases-" + UUID.randomUUID().toString().substring(0, 8));
    try (AuditMongo mongo = AuditMongo.start();
         KinesisClient client = KinesisStreams.client(kinesis);
         // One first: KCL 3.5.1 workers starting together on a new table race for its first item, and the loser gives up.
         PipelineProcess first = KinesisConsumerKillTest.launch(kinesis, dynalite, stream, application, mongo, "worker-a")) {
      await().atMost(Duration.ofMinutes(2)).until(() -> KinesisEvents.leasesPerWorker(dynalite, application)
          .getOrDefault("worker-a", 0) == 4);
      try (PipelineProcess second = KinesisConsumerKillTest.launch(kinesis, dynalite, stream, application, mongo, "worker-b")) {
        await().atMost(Duration.ofMinutes(2)).until(() -> KinesisEvents.leasesPerWorker(dynalite, application)
            .equals(Map.of("worker-a", 2, "worker-b", 2)));

        KinesisEvents.put(client, stream, 0, EVENTS / 2);
        await().atMost(Duration.ofMinutes(2)).until(() -> mongo.store().count() >= EVENTS / 4);
        first.kill();
        KinesisEvents.put(client, stream, EVENTS / 2, EVENTS);

        await().atMost(Duration.ofMinutes(2)).until(() -> KinesisEvents.leasesPerWorker(dynalite, application)
            .equals(Map.of("worker-b", 4)));
        await().atMost(Duration.ofMinutes(3)).until(() -> mongo.store().count() >= EVENTS);
        assertThat(second.isAlive()).isTrue();
        assertThat(mongo.store().count()).isEqualTo(EVENTS);
      }
    }
  }
}
