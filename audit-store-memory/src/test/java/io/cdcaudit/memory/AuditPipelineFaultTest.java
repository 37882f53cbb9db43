package io.cdcaudit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.Backoff;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.pipeline.PipelineListener;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.trail.AuditTrail;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit pipeline under faults loses nothing and doubles nothing")
class AuditPipelineFaultTest {

  private static void assertEveryChangeOnce(InMemoryAuditStore store, int changes) {
    assertThat(store.count()).isEqualTo(changes);
    Set<String> values = new HashSet<>();
    AuditTrail.over(store).stream(AuditQuery.byTable(TableRef.of("shop", "orders")), SortOrder.OLDEST_FIRST)
        .forEach(r -> values.add(r.event().after().get("v").asText()));
    assertThat(values).hasSize(changes);
  }

  @Test
  @DisplayName("a record on which the store fails permanently is dead-lettered alone, the rest of its batch is stored, and the trail goes on")
  void permanentStoreFailureOfOneRecord() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    h.publishInserts("shop.orders", 50, 50);
    h.store.crashOn(r -> r.event().after().get("v").asText().equals("v17"));
    try (AuditPipeline pipeline = h.pipeline().batchSize(100).build()) {
      pipeline.start();
      h.awaitAllCommitted();
      assertThat(pipeline.health().state()).isEqualTo(PipelineHealth.State.RUNNING);
      assertThat(pipeline.health().deadLettered()).isEqualTo(1);
    }
    assertThat(h.memory.count()).isEqualTo(49);
    assertThat(h.deadLetters.letters()).hasSize(1);
    assertThat(h.deadLetters.letters().get(0).reason()).contains("failed permanently").contains("ArithmeticException");
    assertThat(new String(h.deadLetters.letters().get(0).message().value(), java.nio.charset.StandardCharsets.UTF_8)).contains("v17");
  }

  @Test
  @DisplayName("a transient store failure is still retried, never dead-lettered")
  void transientFailureIsRetried() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    h.publishInserts("shop.orders", 20, 20);
    h.store.failNextAppends(3);
    try (AuditPipeline pipeline = h.pipeline().build()) {
      pipeline.start();
      h.awaitAllCommitted();
      assertThat(pipeline.health().deadLettered()).isZero();
    }
    assertEveryChangeOnce(h.memory, 20);
  }

  @Test
  @DisplayName("a pipeline stopped before it was started closes its source")
  void stopBeforeStart() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    MemoryChangeSource source = h.log.openSource();
    AuditPipeline pipeline = h.pipeline().source(source).build();

    pipeline.stop();

    assertThat(pipeline.health().state()).isEqualTo(PipelineHealth.State.STOPPED);
    assertThat(pipeline.awaitTermination(Duration.ofSeconds(1))).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.poll(Duration.ofMillis(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    org.assertj.core.api.Assertions.assertThatThrownBy(pipeline::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a crash between append and acknowledge gives exactly one record per change after restart")
  void crashBetweenAppendAndAcknowledge() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 4));
    h.publishInserts("shop.orders", 1_000, 100);
    // Every acknowledgement of the first pipeline is lost, as if it died right after each append.
    h.log.faults().loseAcknowledgements(Integer.MAX_VALUE);
    AuditPipeline first = h.pipeline().build();
    first.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> h.memory.count() == 1_000);
    first.stop();
    assertThat(h.log.uncommitted()).isEqualTo(1_000);
    h.log.faults().loseAcknowledgements(0);

    long appendsBefore = h.store.appendCalls();
    try (AuditPipeline second = h.pipeline().build()) {
      second.start();
      h.awaitAllCommitted();
      assertThat(second.health().received()).isEqualTo(1_000);
    }

    assertThat(h.store.appendCalls()).isGreaterThan(appendsBefore);
    assertEveryChangeOnce(h.memory, 1_000);
  }

  @Test
  @DisplayName("pipelines stopped at random moments, five times over, end with exactly one record per change")
  void randomStops() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 4));
    h.publishInserts("shop.orders", 20_000, 500);
    Random random = new Random(42);
    for (int round = 0; round < 5 && h.log.uncommitted() > 0; round++) {
      // Half the rounds also lose their acknowledgements, as a process killed after storing would.
      h.log.faults().loseAcknowledgements(round % 2 == 0 ? 3 : 0);
      AuditPipeline pipeline = h.pipeline().batchSize(100).build();
      pipeline.start();
      long target = Math.min(20_000, h.memory.count() + 1 + random.nextInt(5_000));
      await().atMost(Duration.ofSeconds(30)).until(() -> h.memory.count() >= target);
      pipeline.stop();
    }
    h.log.faults().loseAcknowledgements(0);
    try (AuditPipeline last = h.pipeline().build()) {
      last.start();
      h.awaitAllCommitted();
    }

    assertEveryChangeOnce(h.memory, 20_000);
  }

  @Test
  @DisplayName("a store failing five times then recovering loses nothing, backs off, and acknowledges nothing before it stored")
  void storeFailsThenRecovers() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    h.publishInserts("shop.orders", 300, 30);
    h.store.failNextAppends(5);
    List<PipelineHealth.State> states = new CopyOnWriteArrayList<>();
    List<Long> uncommittedWhileFailing = new CopyOnWriteArrayList<>();
    AtomicLong retries = new AtomicLong();
    PipelineListener listener = new PipelineListener() {
      @Override
      public void onRetry(io.cdcaudit.pipeline.RetriedOperation what, int attempt, Throwable error, Duration delay) {
        retries.incrementAndGet();
        uncommittedWhileFailing.add(h.log.uncommitted());
      }

      @Override
      public void onStateChange(PipelineHealth.State from, PipelineHealth.State to) {
        states.add(to);
      }
    };

    try (AuditPipeline pipeline = h.pipeline().listener(listener).parallelism(1).build()) {
      pipeline.start();
      h.awaitAllCommitted();
      assertThat(pipeline.health().retries()).isEqualTo(5);
      // The store works again: its error is no longer what is wrong.
      await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.health().error().isEmpty());
    }

    assertThat(retries.get()).isEqualTo(5);
    assertThat(uncommittedWhileFailing).allSatisfy(n -> assertThat(n).isEqualTo(300));
    assertThat(states).contains(PipelineHealth.State.BACKING_OFF);
    assertEveryChangeOnce(h.memory, 300);
  }

  @Test
  @DisplayName("a store that fails after storing (the answer lost) is retried, and the retry keeps one record per change")
  void storeFailsAfterStoring() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 2));
    h.publishInserts("shop.orders", 500, 50);
    h.store.failNextAppendsAfterStoring(3);

    try (AuditPipeline pipeline = h.pipeline().build()) {
      pipeline.start();
      h.awaitAllCommitted();
    }

    assertEveryChangeOnce(h.memory, 500);
  }

  @Test
  @DisplayName("when retries run out the pipeline fails without acknowledging the failed batch")
  void retriesRunOut() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    h.publishInserts("shop.orders", 50, 5);
    h.store.failNextAppends(Integer.MAX_VALUE);
    Backoff threeAttempts = PipelineHarness.QUICK_BACKOFF.withMaxAttempts(3);

    AuditPipeline pipeline = h.pipeline().backoff(threeAttempts).build();
    pipeline.start();
    assertThat(pipeline.awaitTermination(Duration.ofSeconds(30))).isTrue();

    PipelineHealth health = pipeline.health();
    assertThat(health.state()).isEqualTo(PipelineHealth.State.FAILED);
    assertThat(health.lastError()).contains("store failed").contains("injected store failure");
    assertThat(h.log.uncommitted()).isEqualTo(50);
    assertThat(h.memory.count()).isZero();
  }

  @Test
  @DisplayName("a stop while the store is failing stops promptly and acknowledges nothing unstored")
  void stopWhileFailing() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    h.publishInserts("shop.orders", 50, 5);
    h.store.failNextAppends(Integer.MAX_VALUE);
    AuditPipeline pipeline = h.pipeline().backoff(Backoff.defaults()).build();
    pipeline.start();
    AuditPipelineTest.awaitState(pipeline, PipelineHealth.State.BACKING_OFF);

    pipeline.stop();

    assertThat(pipeline.health().state()).isEqualTo(PipelineHealth.State.STOPPED);
    assertThat(h.log.uncommitted()).isEqualTo(50);
  }

  @Test
  @DisplayName("a source that fails to poll, or to acknowledge now and then, is retried and everything is acknowledged")
  void sourceFaults() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 2));
    h.publishInserts("shop.orders", 400, 40);
    h.log.faults().failPolls(4).failAcknowledgements(2);

    try (AuditPipeline pipeline = h.pipeline().build()) {
      pipeline.start();
      h.awaitAllCommitted();
      await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.health().error().isEmpty());
    }

    assertEveryChangeOnce(h.memory, 400);
  }

  @Test
  @DisplayName("acknowledgements that keep failing are given up; the next pipeline gets those messages again and stores them once")
  void acknowledgementsKeepFailing() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 2));
    h.publishInserts("shop.orders", 400, 40);
    h.log.faults().failAcknowledgements(Integer.MAX_VALUE);
    try (AuditPipeline pipeline = h.pipeline().build()) {
      pipeline.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> h.memory.count() == 400 && pipeline.health().inFlightMessages() == 0);
    }
    assertThat(h.log.uncommitted()).isEqualTo(400);
    h.log.faults().failAcknowledgements(0);

    try (AuditPipeline again = h.pipeline().build()) {
      again.start();
      h.awaitAllCommitted();
      assertThat(again.health().received()).isEqualTo(400);
    }

    assertEveryChangeOnce(h.memory, 400);
  }

  @Test
  @DisplayName("a dead-letter sink failing for a while is retried before the poison message is acknowledged")
  void deadLetterSinkFails() {
    PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
    h.log.publish("1", "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    AtomicLong failures = new AtomicLong(3);
    InMemoryDeadLetterSink kept = new InMemoryDeadLetterSink();

    try (AuditPipeline pipeline = h.pipeline().deadLetters(letters -> {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("dead-letter topic unavailable");
      }
      kept.send(letters);
    }).build()) {
      pipeline.start();
      h.awaitAllCommitted();
      assertThat(pipeline.health().retries()).isEqualTo(3);
    }

    assertThat(kept.letters()).hasSize(1);
  }

}
