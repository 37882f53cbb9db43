package io.cdcaudit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.pipeline.PipelineListener;
import io.cdcaudit.policy.ColumnPolicy;
import io.cdcaudit.policy.TableFilter;
import io.cdcaudit.tck.TestChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The audit pipeline fails closed and tells")
class AuditPipelineFailClosedTest {

  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  // Held so the logger and its handler are not collected during the test.
  private final Logger pipelineLogger = Logger.getLogger(AuditPipeline.class.getName());

  @BeforeEach
  void captureLogs() {
    pipelineLogger.addHandler(capture);
  }

  @AfterEach
  void releaseLogs() {
    pipelineLogger.removeHandler(capture);
  }

  private List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : logged) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        out.add(r.getMessage());
      }
    }
    return out;
  }

  @Nested
  @DisplayName("health")
  class Health {

    @Test
    @DisplayName("says BACKING_OFF with the error while the source cannot be read, and clears the error once it can")
    void sourceUnreachableThenBack() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 10, 10);
      h.log.faults().failPolls(Integer.MAX_VALUE);
      try (AuditPipeline pipeline = h.pipeline().build()) {
        pipeline.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.health().state() == State.BACKING_OFF);
        PipelineHealth backingOff = pipeline.health();
        assertThat(backingOff.lastError()).startsWith("source poll failed").contains("injected poll failure");
        assertThat(backingOff.backingOffSince()).isNotNull();
        assertThat(backingOff.isUp()).isTrue();
        assertThat(backingOff.isHealthy()).isFalse();
        assertThat(backingOff.retries()).as("failed polls count as retries").isPositive();

        h.log.faults().failPolls(0);
        h.awaitAllCommitted();
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.health().isHealthy());
        PipelineHealth recovered = pipeline.health();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.lastErrorAt()).isNull();
        assertThat(recovered.backingOffSince()).isNull();
        assertThat(recovered.stored()).isEqualTo(10);
      }
      assertThat(warnings()).anySatisfy(w -> assertThat(w)
          .contains("source failed (attempt 1)").contains("retrying until it works (Backoff.maxAttempts is 0"));
    }

    @Test
    @DisplayName("clears a store error once appends work again")
    void storeErrorClears() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.store.failNextAppends(3);
      h.publishInserts("shop.orders", 5, 5);
      try (AuditPipeline pipeline = h.pipeline().build()) {
        pipeline.start();
        h.awaitAllCommitted();
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.health().isHealthy());
        assertThat(pipeline.health().retries()).isEqualTo(3);
        assertThat(pipeline.health().lastError()).isNull();
      }
      assertThat(h.memory.count()).isEqualTo(5);
    }
  }

  @Nested
  @DisplayName("an unusable source or store")
  class Unusable {

    @Test
    @DisplayName("a source that refuses us (bad credentials) stops the pipeline as FAILED, naming why")
    void unusableSource() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 5, 5);
      h.log.faults().refusePolls("authentication failed for user 'audit'");
      AuditPipeline pipeline = h.pipeline().build();
      pipeline.start();
      assertThat(pipeline.awaitTermination(Duration.ofSeconds(10))).isTrue();
      PipelineHealth health = pipeline.health();
      assertThat(health.state()).isEqualTo(State.FAILED);
      assertThat(health.lastError()).startsWith("the source cannot be used as it is set up")
          .contains("authentication failed for user 'audit'");
      assertThat(health.retries()).isZero();
      assertThat(h.log.uncommitted()).isEqualTo(5);
      assertThat(logged).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(r.getMessage()).contains("-> FAILED").contains("authentication failed");
      });
    }

    @Test
    @DisplayName("a store that refuses us fails the pipeline: nothing acknowledged, nothing dead-lettered")
    void unusableStore() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 2));
      h.publishInserts("shop.orders", 40, 40);
      h.store.refuseAll("not authorized on audit to execute command insert");
      AuditPipeline pipeline = h.pipeline().build();
      pipeline.start();
      assertThat(pipeline.awaitTermination(Duration.ofSeconds(10))).isTrue();
      assertThat(pipeline.health().state()).isEqualTo(State.FAILED);
      assertThat(pipeline.health().lastError()).startsWith("the store cannot be used as it is set up")
          .contains("not authorized");
      assertThat(h.deadLetters.letters()).isEmpty();
      assertThat(h.log.uncommitted()).isEqualTo(40);
      assertThat(h.memory.count()).isZero();
    }
  }

  @Nested
  @DisplayName("ownership")
  class Ownership {

    /** A sink with something to release, like the Kafka and SQS sinks. */
    final class ClosableSink implements DeadLetterSink, AutoCloseable {
      final AtomicInteger closed = new AtomicInteger();

      @Override
      public void send(List<DeadLetter> deadLetters) {}

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    }

    @Test
    @DisplayName("stop closes the source and the dead-letter sink, also when the pipeline never started")
    void closesWhatItOwns() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      ClosableSink started = new ClosableSink();
      AuditPipeline pipeline = h.pipeline().deadLetters(started).build();
      pipeline.start();
      pipeline.stop();
      assertThat(started.closed).hasValue(1);

      ClosableSink neverStarted = new ClosableSink();
      MemoryChangeSource source = h.log.openSource();
      h.pipeline().source(source).deadLetters(neverStarted).build().stop();
      assertThat(neverStarted.closed).hasValue(1);
      assertThatThrownBy(() -> source.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("a builder given suppliers builds a new pipeline after one failed; one given instances refuses to")
    void restartFromTheBuilder() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 10, 10);
      List<ClosableSink> sinks = new CopyOnWriteArrayList<>();
      AuditPipeline.Builder builder = h.pipeline()
          .source(h.log::openSource)
          .deadLetters(() -> {
            ClosableSink sink = new ClosableSink();
            sinks.add(sink);
            return sink;
          })
          .backoff(PipelineHarness.QUICK_BACKOFF.withMaxAttempts(2));
      h.store.failNextAppends(2);
      AuditPipeline first = builder.build();
      first.start();
      assertThat(first.awaitTermination(Duration.ofSeconds(10))).isTrue();
      assertThat(first.health().state()).isEqualTo(State.FAILED);
      assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("build a new one");

      try (AuditPipeline second = builder.build()) {
        second.start();
        h.awaitAllCommitted();
      }
      assertThat(h.memory.count()).isEqualTo(10);
      assertThat(sinks).hasSize(2).allSatisfy(s -> assertThat(s.closed).hasValue(1));

      AuditPipeline.Builder single = h.pipeline().deadLetters(new ClosableSink());
      single.build().stop();
      assertThatThrownBy(single::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("AuditPipeline.source was given to the pipeline built before");
    }
  }

  @Nested
  @DisplayName("silent traps are counted and reported")
  class Reports {

    @Test
    @DisplayName("records of row changes without a primary key are counted, heard and logged once per table")
    void changesWithoutKey() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 6, 6);
      ChangeDecoder keyless = message -> {
        Decoded decoded = TestChanges.decoder().decode(message);
        return decoded instanceof Decoded.Change c
            ? Decoded.change(c.event().toBuilder().primaryKey(PrimaryKey.NONE).build())
            : decoded;
      };
      List<TableRef> heard = new CopyOnWriteArrayList<>();
      try (AuditPipeline pipeline = h.pipeline().decoder(keyless)
          .listener(new PipelineListener() {
            @Override
            public void onStoredWithoutKey(TableRef table) {
              heard.add(table);
            }
          }).build()) {
        pipeline.start();
        h.awaitAllCommitted();
        assertThat(pipeline.health().withoutKey()).isEqualTo(6);
      }
      assertThat(heard).hasSize(6).containsOnly(TableRef.of("shop", "orders"));
      assertThat(warnings()).filteredOn(w -> w.contains("without a primary key")).singleElement()
          .satisfies(w -> assertThat(w).contains("shop.orders").contains("MaxwellDecoder.Builder.primaryKey"));
    }

    @Test
    @DisplayName("a rule that applied to nothing after many messages is logged and heard, once")
    void idleRules() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 30, 30);
      List<String> heard = new CopyOnWriteArrayList<>();
      AuditRecordFactory records = AuditRecordFactory.builder()
          .tables(TableFilter.builder().include("shop.*").build())
          .columns(ColumnPolicy.builder().mask("*.orders.v").exclude("*.oders.secret").build())
          .build();
      try (AuditPipeline pipeline = h.pipeline().records(records).reportIdleRulesAfter(20)
          .listener(new PipelineListener() {
            @Override
            public void onIdleRule(String rule, long messagesSeen) {
              heard.add(rule + " after " + (messagesSeen >= 20));
            }
          }).build()) {
        pipeline.start();
        h.awaitAllCommitted();
        h.publishInserts("shop.orders", 30, 30);
        h.awaitAllCommitted();
      }
      assertThat(heard).containsExactly("ColumnPolicy.exclude *.oders.secret after true");
      assertThat(warnings()).filteredOn(w -> w.contains("has applied to nothing")).singleElement()
          .satisfies(w -> assertThat(w).contains("ColumnPolicy.exclude *.oders.secret"));
    }

    @Test
    @DisplayName("a listener that throws is logged, and the trail goes on")
    void throwingListener() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 5, 5);
      try (AuditPipeline pipeline = h.pipeline().listener(new PipelineListener() {
        @Override
        public void onStored(List<io.cdcaudit.record.AuditRecord> records, Duration sinceReceived) {
          throw new IllegalStateException("metrics backend down");
        }
      }).build()) {
        pipeline.start();
        h.awaitAllCommitted();
      }
      assertThat(h.memory.count()).isEqualTo(5);
      assertThat(logged).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).contains("threw (1 time); the pipeline goes on");
        assertThat(r.getThrown()).hasMessage("metrics backend down");
      });
    }

    @Test
    @DisplayName("the settings are logged at start, secrets masked")
    void settingsAtStart() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      String secret = "super-secret-hmac-key-2026";
      AuditRecordFactory records = AuditRecordFactory.builder()
          .columns(ColumnPolicy.builder()
              .hash("*.users.email", io.cdcaudit.policy.HashKey.of("pii-2026", secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              .build())
          .build();
      try (AuditPipeline pipeline = h.pipeline().name("orders-audit").records(records).build()) {
        pipeline.start();
      }
      assertThat(logged).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.INFO);
        assertThat(r.getMessage()).startsWith("pipeline 'orders-audit' starting: source=").contains("batchSize=500")
            .contains("hash *.users.email with HashKey[id=pii-2026, key=***]");
      });
      assertThat(logged).noneSatisfy(r -> assertThat(r.getMessage()).contains(secret));
    }
  }
}
