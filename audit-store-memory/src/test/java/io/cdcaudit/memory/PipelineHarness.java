package io.cdcaudit.memory;

import static org.awaitility.Awaitility.await;

import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.Backoff;
import io.cdcaudit.tck.TestChanges;
import java.time.Duration;

/** Shared set-up for pipeline tests: a log, a store, a dead-letter sink, quick backoff. */
final class PipelineHarness {

  static final Backoff QUICK_BACKOFF = new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 2.0, 0.5, 0);

  final MemoryLog log;
  final InMemoryAuditStore memory = new InMemoryAuditStore();
  final FaultInjectingStore store = new FaultInjectingStore(memory);
  final InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();

  PipelineHarness(MemoryLog log) {
    this.log = log;
  }

  AuditPipeline.Builder pipeline() {
    return AuditPipeline.builder()
        .source(log.openSource())
        .decoder(TestChanges.decoder())
        .store(store)
        .deadLetters(deadLetters)
        .backoff(QUICK_BACKOFF)
        .pollTimeout(Duration.ofMillis(20))
        .parallelism(4);
  }

  /** Publishes {@code count} inserts spread over {@code rows} rows, seq 0..count-1. */
  void publishInserts(String table, int count, int rows) {
    for (int seq = 0; seq < count; seq++) {
      long id = seq % rows;
      log.publish(Long.toString(id), TestChanges.insert(table, id, seq, "v" + seq));
    }
  }

  void awaitAllCommitted() {
    await().atMost(Duration.ofSeconds(60)).until(() -> log.uncommitted() == 0);
  }
}
