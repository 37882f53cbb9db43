package io.cdcaudit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.memory.FaultInjectingStore;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.memory.MemoryLog;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.Backoff;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.tck.TestChanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Micrometer metrics of a pipeline")
class MicrometerPipelineListenerTest {

  @Test
  @DisplayName("count received, stored, skipped, dead-lettered, acknowledged and retried messages, time batches, and show the state")
  void countsWhatHappens() {
    MemoryLog log = MemoryLog.ordered("cdc", 2);
    for (int seq = 0; seq < 100; seq++) {
      log.publish(Integer.toString(seq % 10), TestChanges.insert("shop.orders", seq % 10, seq, "v" + seq));
    }
    log.publish("x", (byte[]) null);
    log.publish("y", "garbage".getBytes(StandardCharsets.UTF_8));
    FaultInjectingStore store = new FaultInjectingStore(new InMemoryAuditStore()).failNextAppends(2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    try (AuditPipeline pipeline = AuditPipeline.builder()
        .source(log.openSource())
        .decoder(TestChanges.decoder())
        .store(store)
        .deadLetters(new InMemoryDeadLetterSink())
        .backoff(new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 2, 0, 0))
        .listener(new MicrometerPipelineListener(registry, "orders"))
        .build()) {
      pipeline.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> log.uncommitted() == 0);
      assertThat(registry.get("cdcaudit.pipeline.state").tag("pipeline", "orders").tag("state", "RUNNING").gauge().value()).isEqualTo(1);
    }

    assertThat(registry.get("cdcaudit.events.received").tag("pipeline", "orders").counter().count()).isEqualTo(102);
    assertThat(registry.get("cdcaudit.events.stored").counter().count()).isEqualTo(100);
    assertThat(registry.get("cdcaudit.events.skipped").counter().count()).isEqualTo(1);
    assertThat(registry.get("cdcaudit.events.dead.lettered").counter().count()).isEqualTo(1);
    assertThat(registry.get("cdcaudit.events.acknowledged").counter().count()).isEqualTo(102);
    assertThat(registry.get("cdcaudit.retries").tag("what", "store").counter().count()).isEqualTo(2);
    assertThat(registry.get("cdcaudit.batch.latency").timer().count()).isPositive();
    assertThat(registry.get("cdcaudit.commit.to.stored").timer().count()).isEqualTo(100);
    assertThat(registry.get("cdcaudit.pipeline.state").tag("state", "STOPPED").gauge().value()).isEqualTo(1);
    assertThat(registry.get("cdcaudit.pipeline.state").tag("state", "RUNNING").gauge().value()).isZero();
  }

  @Test
  @DisplayName("show how long the pipeline has been backing off, records without a key, and idle rules")
  void failingClosedIsVisible() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, "orders");
    assertThat(registry.get("cdcaudit.backing.off").gauge().value()).isZero();

    listener.onStateChange(PipelineHealth.State.RUNNING, PipelineHealth.State.BACKING_OFF);
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.get("cdcaudit.backing.off").gauge().value() > 0.01);
    listener.onStateChange(PipelineHealth.State.BACKING_OFF, PipelineHealth.State.RUNNING);
    assertThat(registry.get("cdcaudit.backing.off").gauge().value()).isZero();

    listener.onStoredWithoutKey(TableRef.of("shop", "orders"));
    listener.onStoredWithoutKey(TableRef.of("shop", "orders"));
    listener.onIdleRule("ColumnPolicy.mask *.users.emial", 10_000);
    assertThat(registry.get("cdcaudit.events.without.key").tag("pipeline", "orders").counter().count()).isEqualTo(2);
    assertThat(registry.get("cdcaudit.rules.idle").gauge().value()).isEqualTo(1);
  }
}
