package io.cdcaudit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.actor.RowColumnActorResolver;
import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.pipeline.PipelineListener;
import io.cdcaudit.policy.ColumnPolicy;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.policy.TableFilter;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.tck.TestChanges;
import io.cdcaudit.trail.AuditTrail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The audit pipeline")
class AuditPipelineTest {

  @Nested
  @DisplayName("in normal operation")
  class NormalOperation {

    @Test
    @DisplayName("stores every change once and acknowledges every message")
    void storesEverything() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 4));
      h.publishInserts("shop.orders", 2_000, 100);

      try (AuditPipeline pipeline = h.pipeline().build()) {
        pipeline.start();
        h.awaitAllCommitted();

        PipelineHealth health = pipeline.health();
        assertThat(health.state()).isEqualTo(PipelineHealth.State.RUNNING);
        assertThat(health.received()).isEqualTo(2_000);
        assertThat(health.stored()).isEqualTo(2_000);
        assertThat(health.lagIfKnown()).isPresent();
      }
      assertThat(h.memory.count()).isEqualTo(2_000);
      assertThat(h.deadLetters.letters()).isEmpty();
    }

    @Test
    @DisplayName("keeps the order of each partition while partitions run in parallel")
    void orderPerPartition() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 4));
      // Each row's changes carry increasing seq numbers; one row lives in one partition.
      for (int seq = 0; seq < 3_000; seq++) {
        long id = seq % 40;
        h.log.publish(Long.toString(id), TestChanges.update("shop.orders", id, seq, "v" + (seq - 40), "v" + seq));
      }
      ConcurrentHashMap<Long, List<Long>> seqByRow = new ConcurrentHashMap<>();
      PipelineListener recorder = new PipelineListener() {
        @Override
        public void onStored(List<AuditRecord> records, Duration sinceReceived) {
          for (AuditRecord r : records) {
            long id = ((Value.Int) r.event().primaryKey().columns().get("id")).value();
            long seq = Long.parseLong(r.event().transaction().orElseThrow().id().substring(3));
            seqByRow.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
          }
        }
      };

      try (AuditPipeline pipeline = h.pipeline().listener(recorder).batchSize(50).build()) {
        pipeline.start();
        h.awaitAllCommitted();
      }

      assertThat(seqByRow).hasSize(40);
      seqByRow.values().forEach(seqs -> assertThat(seqs).isSorted().hasSize(75));
    }

    @Test
    @DisplayName("applies the table filter, column policy, actor resolver and retention policy")
    void appliesPolicies() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 2));
      h.log.publish("1", TestChanges.update("hr.people", 1, 1, "old-secret", "new-secret"));
      h.log.publish("2", TestChanges.insert("tmp.scratch", 2, 2, "ignored"));
      h.log.publish("3", TestChanges.insert("finance.ledger", 3, 3, "held"));
      AuditRecordFactory records = AuditRecordFactory.builder()
          .tables(TableFilter.builder().exclude("tmp.*").build())
          .columns(ColumnPolicy.builder().mask("hr.people.v").build())
          .actors(RowColumnActorResolver.of("v"))
          .retention(RetentionPolicy.builder().legalHold("finance.*").keep("hr.*", Period.ofYears(7)).build())
          .build();

      try (AuditPipeline pipeline = h.pipeline().records(records).build()) {
        pipeline.start();
        h.awaitAllCommitted();
        assertThat(pipeline.health().skipped()).isEqualTo(1);
      }

      AuditTrail trail = AuditTrail.over(h.memory);
      AuditRecord person = trail.stream(AuditQuery.rowHistory(TableRef.of("hr", "people"), PrimaryKey.of("id", 1)), SortOrder.OLDEST_FIRST)
          .findFirst().orElseThrow();
      assertThat(person.event().after().get("v")).isEqualTo(Value.of("****"));
      assertThat(person.changes()).singleElement().satisfies(c -> assertThat(c.column()).isEqualTo("v"));
      assertThat(person.actor()).isEqualTo(new Actor("****", Actor.Source.ROW_COLUMN, java.util.Map.of("column", "v", "image", "after")));
      assertThat(person.retention().expiresAt()).isEqualTo(TestChanges.BASE_TIME.plusMillis(1).atZone(java.time.ZoneOffset.UTC).plusYears(7).toInstant());
      AuditRecord ledger = trail.stream(AuditQuery.byTable(TableRef.of("finance", "ledger")), SortOrder.OLDEST_FIRST).findFirst().orElseThrow();
      assertThat(ledger.retention()).isEqualTo(Retention.legalHoldInPlace());
      // Policies apply before attribution, so a protected column never leaks through the actor.
      assertThat(ledger.actor().name()).isEqualTo("held");
      assertThat(h.memory.count()).isEqualTo(2);
    }

    @Test
    @DisplayName("skips tombstones and acknowledges them")
    void skipsTombstones() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.log.publish("1", TestChanges.delete("shop.orders", 1, 1, "gone"));
      h.log.publish("1", (byte[]) null);

      try (AuditPipeline pipeline = h.pipeline().build()) {
        pipeline.start();
        h.awaitAllCommitted();
        assertThat(pipeline.health().skipped()).isEqualTo(1);
      }
      assertThat(h.memory.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("stops gracefully: what was stored is acknowledged and the state is STOPPED")
    void gracefulStop() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 4));
      h.publishInserts("shop.orders", 500, 50);
      List<PipelineHealth.State> states = new CopyOnWriteArrayList<>();
      AuditPipeline pipeline = h.pipeline().listener(new PipelineListener() {
        @Override
        public void onStateChange(PipelineHealth.State from, PipelineHealth.State to) {
          states.add(to);
        }
      }).build();

      pipeline.start();
      h.awaitAllCommitted();
      pipeline.stop();

      assertThat(pipeline.health().state()).isEqualTo(PipelineHealth.State.STOPPED);
      assertThat(states).containsSubsequence(PipelineHealth.State.RUNNING, PipelineHealth.State.STOPPING, PipelineHealth.State.STOPPED);
      assertThatThrownBy(pipeline::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started or stopped already");
    }
  }

  @Nested
  @DisplayName("with bad input")
  class BadInput {

    @Test
    @DisplayName("sends a poison message to the dead-letter sink with its bytes, coordinates and reason, acknowledges it, and goes on")
    void poisonMessage() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.log.publish("1", TestChanges.insert("shop.orders", 1, 1, "a"));
      byte[] poison = "{not a change".getBytes(StandardCharsets.UTF_8);
      h.log.publish("1", poison);
      h.log.publish("1", TestChanges.insert("shop.orders", 2, 3, "c"));

      try (AuditPipeline pipeline = h.pipeline().build()) {
        pipeline.start();
        h.awaitAllCommitted();
        assertThat(pipeline.health().deadLettered()).isEqualTo(1);
      }

      assertThat(h.memory.count()).isEqualTo(2);
      DeadLetter letter = h.deadLetters.letters().get(0);
      assertThat(letter.message().value()).isEqualTo(poison);
      assertThat(letter.message().coordinates().toString()).isEqualTo("cdc/0@1");
      assertThat(letter.reason()).startsWith("undecodable: ").contains("tab-separated");
    }

    @Test
    @DisplayName("sends records the store can never take to the dead-letter sink and stores the rest")
    void rejectedRecords() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      h.publishInserts("shop.orders", 10, 10);
      h.store.reject(r -> r.event().after().get("v").equals(Value.of("v4")));

      try (AuditPipeline pipeline = h.pipeline().build()) {
        pipeline.start();
        h.awaitAllCommitted();
      }

      assertThat(h.memory.count()).isEqualTo(9);
      assertThat(h.deadLetters.letters()).singleElement().satisfies(letter -> {
        assertThat(letter.reason()).contains("the store cannot take the record").contains("rejected by the test");
        assertThat(new String(letter.message().value(), StandardCharsets.UTF_8)).contains("\tv4");
      });
    }
  }

  @Nested
  @DisplayName("when it is built")
  class Building {

    @Test
    @DisplayName("names the missing or wrong setting")
    void validation() {
      PipelineHarness h = new PipelineHarness(MemoryLog.ordered("cdc", 1));
      assertThatThrownBy(() -> AuditPipeline.builder().build()).hasMessageContaining("AuditPipeline.source");
      assertThatThrownBy(() -> h.pipeline().deadLetters((io.cdcaudit.deadletter.DeadLetterSink) null)).hasMessageContaining("AuditPipeline.deadLetters");
      assertThatThrownBy(() -> h.pipeline().reportIdleRulesAfter(0).build()).hasMessageContaining("AuditPipeline.reportIdleRulesAfter must be at least 1, got 0");
      assertThatThrownBy(() -> h.pipeline().batchSize(0).build()).hasMessageContaining("AuditPipeline.batchSize");
      assertThatThrownBy(() -> h.pipeline().parallelism(0).build()).hasMessageContaining("AuditPipeline.parallelism");
      assertThatThrownBy(() -> h.pipeline().maxInFlightBytes(10).build()).hasMessageContaining("AuditPipeline.maxInFlightBytes");
      assertThatThrownBy(() -> h.pipeline().pollTimeout(Duration.ofMinutes(5)).build()).hasMessageContaining("AuditPipeline.pollTimeout");
    }
  }

  static void awaitState(AuditPipeline pipeline, PipelineHealth.State state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.health().state() == state);
  }
}
