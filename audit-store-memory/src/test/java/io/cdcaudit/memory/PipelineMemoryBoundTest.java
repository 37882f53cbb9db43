package io.cdcaudit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.tck.TestChanges;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One million events through the pipeline into the memory store")
class PipelineMemoryBoundTest {

  private static final int EVENTS = 1_000_000;
  private static final int PARTITIONS = 4;
  private static final long MAX_IN_FLIGHT_BYTES = 4L * 1024 * 1024;

  @Test
  @DisplayName("stores every event once while the bytes in flight stay within the configured bound plus one poll")
  void millionEventsBoundedMemory() {
    MemoryLog log = MemoryLog.generated("cdc", PARTITIONS, EVENTS / PARTITIONS,
        n -> TestChanges.update("shop.orders", n % 10_000, n, "before-" + n, "after-" + n));
    PipelineHarness h = new PipelineHarness(log);

    try (AuditPipeline pipeline = h.pipeline()
        .maxInFlightBytes(MAX_IN_FLIGHT_BYTES)
        .maxInFlightMessages(1_000_000)
        .batchSize(1_000)
        .build()) {
      pipeline.start();
      Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> log.uncommitted() == 0);

      PipelineHealth health = pipeline.health();
      long onePoll = MemoryChangeSource.MAX_POLL_MESSAGES * (100 + 64L);
      assertThat(health.stored()).isEqualTo(EVENTS);
      assertThat(health.peakInFlightBytes())
          .as("peak bytes in flight")
          .isPositive()
          .isLessThanOrEqualTo(MAX_IN_FLIGHT_BYTES + onePoll);
    }
    assertThat(h.memory.count()).isEqualTo(EVENTS);
  }
}
