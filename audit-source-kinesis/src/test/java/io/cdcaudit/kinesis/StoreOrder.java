package io.cdcaudit.kinesis;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A store that remembers in which order each row's records became durable: after the store it wraps
 * returned, the first time each event id was appended. It can be slow for the records of one shard,
 * so that a backlog of that shard is still being stored when its children could start.
 */
final class StoreOrder implements AuditStore {

  private final AuditStore store;
  private final String slowShard;
  private final long delayPerRecordMillis;
  private final Set<EventId> stored = new HashSet<>();
  private final Map<String, List<AuditRecord>> byRow = new LinkedHashMap<>();

  StoreOrder(AuditStore store, String slowShard, long delayPerRecordMillis) {
    this.store = store;
    this.slowShard = slowShard;
    this.delayPerRecordMillis = delayPerRecordMillis;
  }

  @Override
  public AppendResult append(List<AuditRecord> records) {
    long slow = records.stream()
        .filter(r -> r.event().origin().map(o -> o.partition().partition().equals(slowShard)).orElse(false))
        .count();
    if (slow > 0) {
      try {
        Thread.sleep(slow * delayPerRecordMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while slow", e);
      }
    }
    AppendResult result = store.append(records);
    synchronized (this) {
      for (AuditRecord record : records) {
        if (stored.add(record.id())) {
          byRow.computeIfAbsent(record.event().table() + " " + record.event().primaryKey(), k -> new ArrayList<>())
              .add(record);
        }
      }
    }
    return result;
  }

  @Override
  public Optional<AuditRecord> find(EventId id) {
    return store.find(id);
  }

  synchronized int size() {
    return stored.size();
  }

  /** Each row's records, in the order they were stored. */
  synchronized Map<String, List<AuditRecord>> byRow() {
    Map<String, List<AuditRecord>> copy = new LinkedHashMap<>();
    byRow.forEach((row, records) -> copy.put(row, List.copyOf(records)));
    return copy;
  }
}
