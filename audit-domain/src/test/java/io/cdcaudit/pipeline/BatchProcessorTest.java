package io.cdcaudit.pipeline;

import static io.cdcaudit.pipeline.PipelineDoubles.CLOCK;
import static io.cdcaudit.pipeline.PipelineDoubles.NOW;
import static io.cdcaudit.pipeline.PipelineDoubles.QUICK;
import static io.cdcaudit.pipeline.PipelineDoubles.idOf;
import static io.cdcaudit.pipeline.PipelineDoubles.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.pipeline.PipelineDoubles.ListSink;
import io.cdcaudit.pipeline.PipelineDoubles.MapStore;
import io.cdcaudit.pipeline.PipelineDoubles.SharedParts;
import io.cdcaudit.pipeline.PipelineDoubles.TextDecoder;
import io.cdcaudit.policy.TableFilter;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.StoreException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("BatchProcessor")
class BatchProcessorTest {

  private final SharedParts parts = new SharedParts();
  private final MapStore store = new MapStore();
  private final ListSink sink = new ListSink();
  private final AuditRecordFactory records = AuditRecordFactory.builder()
      .tables(TableFilter.builder().exclude("shop.hidden").build())
      .clock(CLOCK)
      .build();

  private BatchProcessor processor(Backoff backoff) {
    return new BatchProcessor(new TextDecoder(), records, store, sink, parts.retries(backoff), CLOCK,
        new TablesWithoutKey(parts.counters, parts.listener, parts.log), parts.counters, parts.listener, parts.log);
  }

  private BatchProcessor processor() {
    return processor(QUICK);
  }

  private static List<Object> ids(List<AuditRecord> records) {
    return records.stream().map(r -> (Object) r.id()).toList();
  }

  @Nested
  @DisplayName("sorts a batch's messages")
  class Sorting {

    @Test
    @DisplayName("stores the changes once each: a change delivered twice in the batch is a duplicate, markers and filtered tables are skipped")
    void duplicatesAndSkips() {
      BatchProcessor.Outcome outcome = processor().process(List.of(
          message(0, "insert a"),
          message(1, "insert b"),
          message(2, "insert a"),
          message(3, "marker"),
          message(4, "insert c shop.hidden")), System.nanoTime());

      assertThat(ids(outcome.stored())).containsExactly(idOf("a"), idOf("b"));
      assertThat(outcome.duplicates()).isEqualTo(1);
      assertThat(outcome.skipped()).isEqualTo(2);
      assertThat(outcome.deadLetters()).isEmpty();
      assertThat(store.appends).singleElement().satisfies(batch -> assertThat(ids(batch)).containsExactly(idOf("a"), idOf("b")));
      assertThat(store.kept).containsOnlyKeys(idOf("a"), idOf("b"));
      assertThat(parts.counters.stored.sum()).isEqualTo(2);
      assertThat(parts.counters.skipped.sum()).isEqualTo(3);
      assertThat(parts.counters.processed.sum()).isEqualTo(5);
      assertThat(parts.listener.heard).containsExactly("skipped 3", "stored 2");
    }

    @Test
    @DisplayName("sends an undecodable message and a record the store rejects to the dead letters with their reasons, and stores the rest")
    void deadLetters() {
      store.answer = batch -> AppendResult.rejecting(List.of(new AppendResult.Rejection(idOf("b"), "document exceeds 16 MiB")));
      SourceMessage poison = message(1, "{not a change");
      SourceMessage rejected = message(2, "insert b");

      BatchProcessor.Outcome outcome = processor().process(List.of(message(0, "insert a"), poison, rejected),
          System.nanoTime());

      assertThat(ids(outcome.stored())).containsExactly(idOf("a"));
      assertThat(outcome.deadLetters()).containsExactly(
          new DeadLetter(poison, "undecodable: not a change at $", NOW),
          new DeadLetter(rejected, "the store cannot take the record: document exceeds 16 MiB", NOW));
      assertThat(sink.letters).isEqualTo(outcome.deadLetters());
      assertThat(store.kept).containsOnlyKeys(idOf("a"));
      assertThat(parts.counters.stored.sum()).isEqualTo(1);
      assertThat(parts.counters.deadLettered.sum()).isEqualTo(2);
      assertThat(parts.counters.processed.sum()).isEqualTo(3);
      assertThat(parts.listener.heard).containsExactly("stored 1", "dead-lettered 2");
    }

    @Test
    @DisplayName("a batch with nothing to store appends nothing and is still processed")
    void nothingToStore() {
      BatchProcessor.Outcome outcome = processor().process(List.of(message(0, "marker")), System.nanoTime());

      assertThat(outcome.stored()).isEmpty();
      assertThat(outcome.skipped()).isEqualTo(1);
      assertThat(store.appends).isEmpty();
      assertThat(sink.letters).isEmpty();
      assertThat(parts.counters.processed.sum()).isEqualTo(1);
    }

    @Test
    @DisplayName("counts a record without a primary key, and hears its table")
    void keyless() {
      processor().process(List.of(message(0, "keyless a"), message(1, "keyless b"), message(2, "insert c")),
          System.nanoTime());

      assertThat(parts.counters.withoutKey.sum()).isEqualTo(2);
      assertThat(parts.listener.heard).containsExactly("without key shop.users", "without key shop.users", "stored 3");
    }
  }

  @Nested
  @DisplayName("when the store fails")
  class StoreFailures {

    @Test
    @DisplayName("a batch the store fails on permanently is stored record by record, and the record that still fails is dead-lettered")
    void permanentFailure() {
      store.answer = batch -> {
        if (batch.stream().anyMatch(r -> r.id().equals(idOf("b")))) {
          throw StoreException.permanent("a field the store cannot index", null);
        }
        return AppendResult.allStored();
      };

      BatchProcessor.Outcome outcome = processor().process(
          List.of(message(0, "insert a"), message(1, "insert b"), message(2, "insert c")), System.nanoTime());

      assertThat(ids(outcome.stored())).containsExactly(idOf("a"), idOf("c"));
      assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
        assertThat(letter.message().coordinates().position()).isEqualTo("1");
        assertThat(letter.reason()).startsWith("the store cannot take the record: it failed permanently: ")
            .contains("a field the store cannot index");
      });
      assertThat(store.appends).hasSize(4);
      assertThat(parts.counters.retries.sum()).isZero();
    }

    @Test
    @DisplayName("a transient failure is retried until the store takes the batch, and its error is cleared")
    void transientFailure() {
      store.nextFailures.add(new StoreException("connection refused"));
      store.nextFailures.add(new StoreException("connection refused"));

      BatchProcessor.Outcome outcome = processor().process(List.of(message(0, "insert a")), System.nanoTime());

      assertThat(ids(outcome.stored())).containsExactly(idOf("a"));
      assertThat(outcome.deadLetters()).isEmpty();
      assertThat(parts.counters.retries.sum()).isEqualTo(2);
      assertThat(parts.listener.heard).contains("retry store 1", "retry store 2");
      assertThat(parts.errors.lastError()).isNull();
    }

    @Test
    @DisplayName("a store that cannot be used fails the pipeline and gives up the batch: nothing stored, nothing dead-lettered")
    void unusableStore() {
      store.nextFailures.add(StoreException.unusable("not authorized on audit", null));

      assertThatThrownBy(() -> processor().process(List.of(message(0, "insert a"), message(1, "{bad")),
          System.nanoTime())).isInstanceOf(AbandonedBatch.class);

      assertThat(parts.errors.failed()).isTrue();
      assertThat(parts.errors.lastError()).startsWith("the store cannot be used as it is set up");
      assertThat(store.kept).isEmpty();
      assertThat(sink.letters).isEmpty();
      assertThat(parts.counters.processed.sum()).isZero();
    }

    @Test
    @DisplayName("when retries run out the batch is given up and the pipeline fails")
    void retriesRunOut() {
      for (int i = 0; i < 3; i++) {
        store.nextFailures.add(new StoreException("timed out"));
      }

      assertThatThrownBy(() -> processor(QUICK.withMaxAttempts(3)).process(List.of(message(0, "insert a")),
          System.nanoTime())).isInstanceOf(AbandonedBatch.class);

      assertThat(parts.errors.failed()).isTrue();
      assertThat(parts.errors.fatal()).hasMessage("timed out");
      assertThat(store.appends).hasSize(3);
    }
  }

  @Test
  @DisplayName("a dead-letter sink failing for a while is retried until it took the letters")
  void deadLetterSinkFails() {
    sink.sendsToFail = 2;

    BatchProcessor.Outcome outcome = processor().process(List.of(message(0, "{bad")), System.nanoTime());

    assertThat(sink.letters).isEqualTo(outcome.deadLetters()).hasSize(1);
    assertThat(parts.counters.retries.sum()).isEqualTo(2);
    assertThat(parts.listener.heard).containsExactly("retry dead_letter_sink 1", "retry dead_letter_sink 2",
        "dead-lettered 1");
  }
}
