package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that keeps nothing and counts what it was given: the pipeline's own cost and memory,
 * without a store's. Not a real store (it cannot deduplicate); each run reads every event once.
 */
final class CountingStore implements AuditStore {

  private final AtomicLong count = new AtomicLong();

  @Override
  public AppendResult append(List<AuditRecord> records) {
    count.addAndGet(records.size());
    return AppendResult.allStored();
  }

  @Override
  public Optional<AuditRecord> find(EventId id) {
    return Optional.empty();
  }

  /** The records it was given. */
  long count() {
    return count.get();
  }
}
