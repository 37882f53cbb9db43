package io.cdcaudit.s3.internal;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.store.support.Pages;
import io.cdcaudit.store.support.SortKeyRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query answered through the index (a row's history, an actor's or a transaction's changes, a record by id): the
 * key's entries give the sort keys and the data objects, and only the objects of the page's records are read.
 */
public final class IndexedQuery {

  private final IndexReader index;
  private final DataObjects data;
  private final Layout layout;

  /** Queries through {@code index} over the data objects of {@code layout}. */
  public IndexedQuery(IndexReader index, DataObjects data, Layout layout) {
    this.index = index;
    this.data = data;
    this.layout = layout;
  }

  /** One page of the records under {@code key}. */
  public Page<AuditRecord> page(String key, TimeRange range, PageRequest page) {
    SortKeyRange bounds = SortKeyRange.of(range, page);
    if (bounds.isEmpty()) {
      return Page.last(List.of());
    }
    List<List<IndexEntry>> candidates = new ArrayList<>();
    for (List<IndexEntry> copies : index.entries(key).values()) {
      if (bounds.contains(copies.get(0).sortKey())) {
        candidates.add(copies);
      }
    }
    Comparator<List<IndexEntry>> bySortKey = Comparator.comparing(copies -> copies.get(0).sortKey());
    candidates.sort(page.order() == SortOrder.OLDEST_FIRST ? bySortKey : bySortKey.reversed());
    int wanted = Pages.fetchSize(page);
    Map<String, Map<String, AuditRecord>> objects = new HashMap<>();
    List<AuditRecord> found = new ArrayList<>(Math.min(wanted, candidates.size()));
    for (List<IndexEntry> copies : candidates) {
      if (found.size() == wanted) {
        break;
      }
      firstStored(copies, objects).ifPresent(found::add);
    }
    return Pages.of(found, page, AuditRecord::sortKey, r -> r);
  }

  /** The record with this id, from the first of its copies that is still stored. */
  public Optional<AuditRecord> byId(String id) {
    List<IndexEntry> copies = index.entries(IndexEntry.idKey(id)).get(id);
    return copies == null ? Optional.empty() : firstStored(copies, new HashMap<>());
  }

  private Optional<AuditRecord> firstStored(List<IndexEntry> copies, Map<String, Map<String, AuditRecord>> objects) {
    for (IndexEntry copy : copies) {
      AuditRecord record = objects.computeIfAbsent(copy.object(), this::load).get(copy.id());
      if (record != null) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }

  private Map<String, AuditRecord> load(String object) {
    Map<String, AuditRecord> byId = new HashMap<>();
    data.read(layout.prefix() + object).ifPresent(records -> records.forEach(r -> byId.putIfAbsent(r.id().value(), r)));
    return byId;
  }
}
