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
import io.cdcaudit.store.UnsupportedQueryException;
import io.cdcaudit.store.support.IndexKey;
import io.cdcaudit.store.support.Pages;
import io.cdcaudit.store.support.SortKeyRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference store: every record in memory, indexed for every query. It defines what the other
 * stores must do (it passes every tier of the contract kit) and serves tests and development. It
 * keeps nothing across restarts. Thread-safe.
 *
 * <p>Built on the shared store support: one sorted map per {@link IndexKey}, sliced by the page's
 * {@link SortKeyRange}, paged by {@link Pages}.
 */
public final class InMemoryAuditStore implements AuditStore, AuditQueries, RetentionStore {

  private static final Set<AuditQuery.Kind> ALL_QUERIES = Collections.unmodifiableSet(EnumSet.allOf(AuditQuery.Kind.class));

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<EventId, AuditRecord> byId = new HashMap<>();
  /** Every index of every query kind: the records under each key, by sort key. */
  private final Map<IndexKey, NavigableMap<String, AuditRecord>> indexes = new HashMap<>();

  @Override
  public AppendResult append(List<AuditRecord> records) {
    lock.writeLock().lock();
    try {
      for (AuditRecord record : records) {
        if (!byId.containsKey(record.id())) {
          // Everything that can fail is computed first, so a record is stored whole or not at all.
          List<IndexKey> keys = IndexKey.allOf(record);
          String sortKey = record.sortKey();
          byId.put(record.id(), record);
          for (IndexKey key : keys) {
            indexes.computeIfAbsent(key, k -> new TreeMap<>()).put(sortKey, record);
          }
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

  /**
   * How many records are stored.
   *
   * @return the number of records
   */
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
      return byId.values().stream().sorted(Comparator.comparing(AuditRecord::sortKey)).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
    UnsupportedQueryException.requireSupported(this, query);
    SortKeyRange range = SortKeyRange.of(query.range(), page);
    lock.readLock().lock();
    try {
      NavigableMap<String, AuditRecord> index = indexes.get(IndexKey.of(query));
      if (index == null || range.isEmpty()) {
        return Page.last(List.of());
      }
      Iterator<AuditRecord> it = slice(index, range, page.order()).values().iterator();
      List<AuditRecord> fetched = new ArrayList<>(Math.min(Pages.fetchSize(page), 1_024));
      while (it.hasNext() && fetched.size() < Pages.fetchSize(page)) {
        fetched.add(it.next());
      }
      return Pages.of(fetched, page, AuditRecord::sortKey, r -> r);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Set<AuditQuery.Kind> supportedQueries() {
    return ALL_QUERIES;
  }

  @Override
  public long purgeExpired(Instant now) {
    lock.writeLock().lock();
    try {
      List<AuditRecord> expired = byId.values().stream().filter(r -> r.retention().isExpiredAt(now)).toList();
      for (AuditRecord record : expired) {
        byId.remove(record.id());
        String sortKey = record.sortKey();
        for (IndexKey key : IndexKey.allOf(record)) {
          NavigableMap<String, AuditRecord> entries = indexes.get(key);
          if (entries != null) {
            entries.remove(sortKey);
            if (entries.isEmpty()) {
              indexes.remove(key);
            }
          }
        }
      }
      return expired.size();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static NavigableMap<String, AuditRecord> slice(NavigableMap<String, AuditRecord> index, SortKeyRange range,
      SortOrder order) {
    NavigableMap<String, AuditRecord> view = index;
    if (range.lower().isPresent()) {
      view = view.tailMap(range.lower().get().key(), range.lower().get().inclusive());
    }
    if (range.upper().isPresent()) {
      view = view.headMap(range.upper().get().key(), range.upper().get().inclusive());
    }
    return order == SortOrder.NEWEST_FIRST ? view.descendingMap() : view;
  }

  @Override
  public String toString() {
    return "InMemoryAuditStore[" + count() + " records]";
  }
}
