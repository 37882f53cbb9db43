package io.cdcaudit.s3.internal;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.store.support.Pages;
import io.cdcaudit.store.support.SortKeyRange;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A table's changes, read from its partitions without the index: only the days the page's range covers, in the
 * page's order, and within a day only the objects whose time span (in their names) can hold the page's records.
 * A day's listing is one request per 1,000 objects; the scan stops at the first day, and within it at the first
 * object, that can hold nothing for the page.
 */
public final class TableScan {

  private static final int PREFIX_DIGITS = 17;

  private final BucketAccess bucket;
  private final DataObjects data;
  private final Layout layout;

  /** Scans of the data objects of {@code layout}. */
  public TableScan(BucketAccess bucket, DataObjects data, Layout layout) {
    this.bucket = bucket;
    this.data = data;
    this.layout = layout;
  }

  /** One page of the table's records. */
  public Page<AuditRecord> page(TableRef table, TimeRange range, PageRequest page) {
    SortKeyRange bounds = SortKeyRange.of(range, page);
    if (bounds.isEmpty()) {
      return Page.last(List.of());
    }
    boolean oldestFirst = page.order() == SortOrder.OLDEST_FIRST;
    Optional<LocalDate> firstDay = bounds.lower().map(b -> Layout.dayOfPrefix(b.key()));
    Optional<LocalDate> lastDay = bounds.upper().map(b -> Layout.dayOfPrefix(b.key()));
    List<LocalDate> days = new ArrayList<>();
    for (String folder : bucket.listFolders(layout.tablePrefix(table))) {
      Layout.dayInKey(folder).filter(d -> firstDay.map(f -> !d.isBefore(f)).orElse(true)
          && lastDay.map(l -> !d.isAfter(l)).orElse(true)).ifPresent(days::add);
    }
    days.sort(oldestFirst ? Comparator.naturalOrder() : Comparator.reverseOrder());

    int wanted = Pages.fetchSize(page);
    Comparator<String> order = oldestFirst ? Comparator.naturalOrder() : Comparator.reverseOrder();
    Map<String, Copy> winners = new HashMap<>();
    for (LocalDate day : days) {
      List<Named> objects = objectsOverlapping(layout.dayPrefix(table, day), bounds);
      objects.sort(oldestFirst ? Comparator.comparing((Named n) -> n.name().first())
          : Comparator.comparing((Named n) -> n.name().last()).reversed());
      for (Named object : objects) {
        if (winners.size() >= wanted) {
          String kth = winners.values().stream().map(c -> c.record().sortKey()).sorted(order).skip(wanted - 1L)
              .findFirst().orElseThrow().substring(0, PREFIX_DIGITS);
          boolean nothingBetter = oldestFirst ? object.name().first().compareTo(kth) > 0
              : object.name().last().compareTo(kth) < 0;
          if (nothingBetter) {
            break;
          }
        }
        for (AuditRecord record : data.read(object.key()).orElse(List.of())) {
          if (bounds.contains(record.sortKey())) {
            Copy copy = new Copy(record, object.key());
            winners.merge(record.id().value(), copy, (a, b) -> a.firstWins(b) ? a : b);
          }
        }
      }
      if (winners.size() >= wanted) {
        break;
      }
    }
    List<AuditRecord> found = winners.values().stream().map(Copy::record)
        .sorted(Comparator.comparing(AuditRecord::sortKey, order)).limit(wanted).toList();
    return Pages.of(found, page, AuditRecord::sortKey, r -> r);
  }

  private List<Named> objectsOverlapping(String dayPrefix, SortKeyRange bounds) {
    List<Named> objects = new ArrayList<>();
    for (S3Object object : bucket.list(dayPrefix)) {
      DataObjectName name = DataObjectName.parse(Layout.fileName(object.key())).orElseThrow(() ->
          StoreException.permanent("s3://" + bucket.bucket() + "/" + object.key() + " is not a data object this "
              + "store wrote: another program writes under the store's prefix", null));
      boolean afterRange = bounds.upper().map(u -> name.first().compareTo(u.key()) > 0).orElse(false);
      boolean beforeRange = bounds.lower().map(l -> (name.last() + SortKeyRange.ABOVE_EVERY_KEY).compareTo(l.key()) < 0)
          .orElse(false);
      if (!afterRange && !beforeRange) {
        objects.add(new Named(object.key(), name));
      }
    }
    return objects;
  }

  private record Named(String key, DataObjectName name) {}

  /** One stored copy of a record; of two copies of an id, the one recorded first wins, then the lower object key. */
  private record Copy(AuditRecord record, String object) {
    boolean firstWins(Copy other) {
      int c = record.recordedAt().compareTo(other.record.recordedAt());
      return c < 0 || c == 0 && object.compareTo(other.object) <= 0;
    }
  }
}
