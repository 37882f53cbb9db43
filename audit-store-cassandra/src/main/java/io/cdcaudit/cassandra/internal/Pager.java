package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cdcaudit.cassandra.TimeBucket;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Answers one page of a query. Time range and cursor become one clustering range on {@code sort_key}:
 * {@code sort_key > low AND sort_key < high}, both exclusive. That is exact because a sort key is never equal to a
 * time prefix (it always goes on after the 17 digits), so {@code > timePrefix(from)} means "committed at or after
 * from"; a cursor is the sort key of the previous page's last record, which {@code >} (oldest first) or {@code <}
 * (newest first) excludes.
 *
 * <p>The bucketed tables are read bucket by bucket, in the page's order, starting at the bucket of the cursor (or of
 * the range's start), until the page is full; which buckets exist comes from the bucket index, so an open range
 * starts at the first bucket that has data and a sparse range skips empty ones. One record more than the page size
 * is read, to know whether another page follows.
 */
public final class Pager {

  /** Above every sort key (they start with digits) and every bucket id. */
  static final String HIGH = "~";
  private static final int BUCKET_PAGE_SIZE = 200;

  private final CqlSession session;
  private final Statements st;
  private final TimeBucket bucket;
  private final UnaryOperator<BoundStatement> read;

  public Pager(CqlSession session, Statements statements, TimeBucket bucket, UnaryOperator<BoundStatement> read) {
    this.session = session;
    this.st = statements;
    this.bucket = bucket;
    this.read = read;
  }

  /** One stored record of a page: its sort key and JSON. */
  public record Item(String sortKey, String json) {
  }

  /** A page before decoding. */
  public record Result(List<Item> items, String nextCursor) {
    public <T> io.cdcaudit.store.Page<T> map(Function<Item, T> decode) {
      return new io.cdcaudit.store.Page<>(items.stream().map(decode).toList(), nextCursor);
    }
  }

  public Result find(AuditQuery query, PageRequest page) {
    boolean newestFirst = page.order() == SortOrder.NEWEST_FIRST;
    int order = newestFirst ? 1 : 0;
    String[] bounds = bounds(query.range(), page);
    String low = bounds[0];
    String high = bounds[1];
    List<Item> items = new ArrayList<>(Math.min(page.size() + 1, 1_024));
    if (low.compareTo(high) < 0) {
      int wanted = page.size() + 1;
      if (query instanceof AuditQuery.RowHistory q) {
        collect(Binds.bind(st.historyPage[order], q.table().database(), q.table().table(), q.key().canonical(),
            low, high, wanted), items, wanted);
      } else if (query instanceof AuditQuery.ByTransaction q) {
        collect(Binds.bind(st.txPage[order], q.transactionId(), low, high, wanted), items, wanted);
      } else if (query instanceof AuditQuery.ByTable q) {
        String[] range = bucketRange(low, high);
        BoundStatement buckets = Binds.bind(st.tableBuckets[order], q.table().database(), q.table().table(),
            range[0], range[1]);
        walk(buckets, b -> Binds.bind(st.tablePage[order], q.table().database(), q.table().table(), b, low,
            high, wanted - items.size()), items, wanted);
      } else if (query instanceof AuditQuery.ByActor q) {
        String[] range = bucketRange(low, high);
        BoundStatement buckets = Binds.bind(st.actorBuckets[order], q.actor(), range[0], range[1]);
        walk(buckets, b -> Binds.bind(st.actorPage[order], q.actor(), b, low, high, wanted - items.size()),
            items, wanted);
      } else {
        throw new IllegalArgumentException("unknown query " + query);
      }
    }
    if (items.size() > page.size()) {
      List<Item> pageItems = List.copyOf(items.subList(0, page.size()));
      return new Result(pageItems, pageItems.get(pageItems.size() - 1).sortKey());
    }
    return new Result(List.copyOf(items), null);
  }

  /** {low, high}, both exclusive, of the sort keys to read. */
  static String[] bounds(TimeRange range, PageRequest page) {
    String low = range.start().map(AuditRecord::timePrefix).orElse("");
    String high = range.end().map(AuditRecord::timePrefix).orElse(HIGH);
    if (page.after() != null) {
      if (page.order() == SortOrder.OLDEST_FIRST) {
        low = max(low, page.after());
      } else {
        high = min(high, page.after());
      }
    }
    return new String[] {low, high};
  }

  /** {first, last}, both inclusive, of the buckets that can hold sort keys between low and high (exclusive). */
  String[] bucketRange(String low, String high) {
    String first = low.isEmpty() ? "" : TimeKeys.bucket(bucket, TimeKeys.instantOf(low));
    String last;
    if (HIGH.equals(high)) {
      last = HIGH;
    } else {
      Instant t = TimeKeys.instantOf(high);
      // a bare time prefix excludes its own instant; a sort key (a cursor) lies in its instant's bucket
      last = TimeKeys.bucket(bucket, high.length() == TimeKeys.PREFIX_DIGITS ? t.minus(1, ChronoUnit.MICROS) : t);
    }
    return new String[] {first, last};
  }

  private void walk(BoundStatement bucketQuery, Function<String, BoundStatement> pageInBucket, List<Item> items,
            int wanted) {
    String previous = null;
    for (Row row : session.execute(read.apply(bucketQuery).setPageSize(BUCKET_PAGE_SIZE))) {
      String b = row.getString(0);
      if (b.equals(previous)) {
        continue; // one entry per bucket and keep-until day
      }
      previous = b;
      collect(pageInBucket.apply(b), items, wanted);
      if (items.size() >= wanted) {
        return;
      }
    }
  }

  private void collect(BoundStatement statement, List<Item> items, int wanted) {
    int limit = wanted - items.size();
    for (Row row : session.execute(read.apply(statement).setPageSize(Math.min(limit, 5_000)))) {
      items.add(new Item(row.getString(0), row.getString(1)));
      if (items.size() >= wanted) {
        return;
      }
    }
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
