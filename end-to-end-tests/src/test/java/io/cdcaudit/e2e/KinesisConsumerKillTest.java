package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.testservers.DynaliteServer;
import io.cdcaudit.testservers.KclLeaseTables;
import io.cdcaudit.testservers.KinesisLocal;
import io.cdcaudit.testservers.KinesisStreams;
import io.cdcaudit.testservers.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@DisplayName("Kinesis pipelines killed with SIGKILL")
class KinesisConsumerKillTest {

  private static final int EVENTS = 20_000;
  private static final Path LOGS = Path.of("target", "pipeline-processes");

  @Test
  @DisplayName("killed three times at random moments while 20,000 events flow: the store ends with exactly 20,000 records")
  void killThreeTimes() throws Exception {
    KinesisLocal kinesis = TestServers.kinesisLocal();
    DynaliteServer dynalite = TestServers.dynalite();
    String stream = KinesisStreams.createUnique(kinesis, "kill", 4);
    // A new lease table as the KCL finds it in production: its own first shard sync writes the leases.
    String application = KclLeaseTables.create(dynalite, "kill-" + UUID.randomUUID().toString().substring(0, 8));
    Random random = new Random(20261203);
    try (AuditMongo mongo = AuditMongo.start(); KinesisClient client = KinesisStreams.client(kinesis)) {
      // The events flow while the consumers die: put in slices, the next once the trail grew (or the killing is over).
      AtomicBoolean killed = new AtomicBoolean();
      CompletableFuture<Void> putting = CompletableFuture.runAsync(() -> {
        for (int slice = 0; slice < 10; slice++) {
          KinesisEvents.put(client, stream, slice * (EVENTS / 10L), (slice + 1) * (EVENTS / 10L));
          long stored = mongo.store().count();
          await().atMost(Duration.ofMinutes(2)).until(() -> mongo.store().count() > stored || killed.get());
        }
      });
      for (int kill = 1; kill <= 3; kill++) {
        long before = mongo.store().count();
        long target = Math.min(EVENTS - 1, before + 1_000 + random.nextInt(4_000));
        try (PipelineProcess consumer = launch(kinesis, dynalite, stream, application, mongo, "kill-" + kill)) {
          await().atMost(Duration.ofMinutes(2)).until(() -> mongo.store().count() >= target || !consumer.isAlive());
          assertThat(consumer.isAlive()).as("consumer %d still running when killed", kill).isTrue();
          consumer.kill();
        }
      }
      killed.set(true);
      putting.get();
      try (PipelineProcess last = launch(kinesis, dynalite, stream, application, mongo, "kill-last")) {
        await().atMost(Duration.ofMinutes(3)).until(() -> mongo.store().count() >= EVENTS);
        assertThat(last.isAlive()).isTrue();
      }
      assertThat(mongo.store().count()).isEqualTo(EVENTS);
    }
  }

  /** A Kinesis pipeline JVM with worker id {@code worker}, writing into {@code mongo}. */
  static PipelineProcess launch(KinesisLocal kinesis, DynaliteServer dynalite, String stream, String application,
      AuditMongo mongo, String worker) throws java.io.IOException {
    return PipelineProcess.launch(KinesisPipelineMain.class, LOGS.resolve("kinesis-" + worker + ".log"),
        kinesis.endpoint().toString(), dynalite.endpoint().toString(), stream, application, mongo.uri(), worker);
  }
}
