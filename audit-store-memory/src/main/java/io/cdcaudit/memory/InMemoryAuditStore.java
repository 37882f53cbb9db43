package io.cdcaudit.memory;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference store: every record in memory, indexed for every query. It defines what the other
 * stores must do (it passes every tier of the contract kit) and serves tests and development. It
 * keeps nothing across restarts. Thread-safe.
 */
public final class InMemoryAuditStore implements AuditStore, AuditQueries, RetentionStore {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<EventId, AuditRecord> byId = new HashMap<>();
  private final Map<String, NavigableMap<String, AuditRecord>> byRow = new HashMap<>();
  private final Map<String, NavigableMap<String, AuditRecord>> byActor = new HashMap<>();
  private final Map<String, NavigableMap<String, AuditRecord>> byTable = new HashMap<>();
  private final Map<String, NavigableMap<String, AuditRecord>> byTransaction = new HashMap<>();

  @Override
  public AppendResult append(List<AuditRecord> records) {
    lock.writeLock().lock();
    try {
      for (AuditRecord record : records) {
        if (!byId.containsKey(record.id())) {
          // Everything that can fail is computed first, so a record is stored whole or not at all.
          List<IndexEntry> entries = entriesOf(record);
          String sortKey = record.sortKey();
          byId.put(record.id(), record);
          index(record, entries, sortKey);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
    return AppendResult.allStored();
  }

  @Override
  public Optional<AuditRecord> find(EventId id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(byId.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long count() {
    lock.readLock().lock();
    try {
      return byId.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Every stored record, oldest first: for tests and small development stores.
   *
   * @return a copy of the records, by sort key
   */
  public List<AuditRecord> all() {
    lock.readLock().lock();
    try {
      return byId.values().stream().sorted(java.util.Comparator.comparing(AuditRecord::sortKey)).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
    lock.readLock().lock();
    try {
      NavigableMap<String, AuditRecord> index = indexFor(query);
      if (index == null) {
        return Page.last(List.of());
      }
      NavigableMap<String, AuditRecord> range = slice(index, query.range(), page);
      List<AuditRecord> items = new ArrayList<>(Math.min(page.size(), range.size()));
      Iterator<AuditRecord> it = range.values().iterator();
      while (it.hasNext() && items.size() < page.size()) {
        items.add(it.next());
      }
      String next = it.hasNext() ? items.get(items.size() - 1).sortKey() : null;
      return new Page<>(items, next);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long purgeExpired(Instant now) {
    lock.writeLock().lock();
    try {
      List<AuditRecord> expired = byId.values().stream().filter(r -> r.retention().isExpiredAt(now)).toList();
      for (AuditRecord record : expired) {
        byId.remove(record.id());
        unindex(record);
      }
      return expired.size();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private NavigableMap<String, AuditRecord> indexFor(AuditQuery query) {
    if (query instanceof AuditQuery.RowHistory q) {
      return byRow.get(rowKey(tableKey(q.table()), q.key().canonical()));
    }
    if (query instanceof AuditQuery.ByActor q) {
      return byActor.get(q.actor());
    }
    if (query instanceof AuditQuery.ByTable q) {
      return byTable.get(tableKey(q.table()));
    }
    AuditQuery.ByTransaction q = (AuditQuery.ByTransaction) query;
    return byTransaction.get(q.transactionId());
  }

  private static NavigableMap<String, AuditRecord> slice(NavigableMap<String, AuditRecord> index, TimeRange range, PageRequest page) {
    String low = range.start().map(AuditRecord::timePrefix).orElse(null);
    String high = range.end().map(AuditRecord::timePrefix).orElse(null);
    NavigableMap<String, AuditRecord> view = index;
    if (low != null) {
      view = view.tailMap(low, true);
    }
    if (high != null) {
      view = view.headMap(high, false);
    }
    if (page.order() == SortOrder.NEWEST_FIRST) {
      view = view.descendingMap();
    }
    if (page.after() != null) {
      view = view.tailMap(page.after(), false);
    }
    return view;
  }

  /** The entries a record has in the query indexes; computed whole before any index changes. */
  private record IndexEntry(Map<String, NavigableMap<String, AuditRecord>> index, String indexKey) {}

  private List<IndexEntry> entriesOf(AuditRecord record) {
    List<IndexEntry> entries = new ArrayList<>(5);
    String table = tableKey(record.event().table());
    for (io.cdcaudit.event.PrimaryKey key : record.rowKeys()) {
      entries.add(new IndexEntry(byRow, rowKey(table, key.canonical())));
    }
    if (record.actor().isKnown()) {
      entries.add(new IndexEntry(byActor, record.actor().name()));
    }
    entries.add(new IndexEntry(byTable, table));
    record.event().transaction().ifPresent(tx -> entries.add(new IndexEntry(byTransaction, tx.id())));
    return entries;
  }

  private void index(AuditRecord record, List<IndexEntry> entries, String sortKey) {
    for (IndexEntry entry : entries) {
      put(entry.index(), entry.indexKey(), sortKey, record);
    }
  }

  private void unindex(AuditRecord record) {
    String sortKey = record.sortKey();
    for (IndexEntry entry : entriesOf(record)) {
      remove(entry.index(), entry.indexKey(), sortKey);
    }
  }

  private static void put(Map<String, NavigableMap<String, AuditRecord>> index, String indexKey, String sortKey, AuditRecord record) {
    index.computeIfAbsent(indexKey, k -> new TreeMap<>()).put(sortKey, record);
  }

  private static void remove(Map<String, NavigableMap<String, AuditRecord>> index, String indexKey, String sortKey) {
    NavigableMap<String, AuditRecord> entries = index.get(indexKey);
    if (entries != null) {
      entries.remove(sortKey);
      if (entries.isEmpty()) {
        index.remove(indexKey);
      }
    }
  }

  /** Database and table apart: {@code a.`b.c`} and {@code `a.b`.c} are two tables. */
  private static String tableKey(io.cdcaudit.event.TableRef table) {
    return table.database() + '\u0000' + table.table();
  }

  private static String rowKey(String table, String key) {
    return table + '\u0000' + key;
  }

  @Override
  public String toString() {
    return "InMemoryAuditStore[" + count() + " records]";
  }
}
