package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cdcaudit.cassandra.TimeBucket;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.support.Pages;
import io.cdcaudit.store.support.SortKeyRange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads the items of one page of a query: up to {@link Pages#fetchSize} stored records in the page's order, which
 * {@link Pages#of} turns into the page. The page's {@link SortKeyRange} becomes one clustering range on
 * {@code sort_key}, in its exclusive view ({@code sort_key > low AND sort_key < high}): exact, because no sort key
 * equals a time prefix.
 *
 * <p>The bucketed tables are read bucket by bucket, in the page's order, starting at the bucket of the cursor (or of
 * the range's start), until the page is full; which buckets exist comes from the bucket index, so an open range
 * starts at the first bucket that has data and a sparse range skips empty ones.
 */
public final class Pager {

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

  /** Up to {@link Pages#fetchSize} items of the page, in its order. */
  public List<Item> fetch(AuditQuery query, PageRequest page) {
    SortKeyRange keys = SortKeyRange.of(query.range(), page);
    if (keys.isEmpty()) {
      return List.of();
    }
    return query.accept(new Reads(keys.exclusiveLow(), keys.exclusiveHigh(), page.order() == SortOrder.NEWEST_FIRST ? 1 : 0,
        Pages.fetchSize(page)));
  }

  /** The reads of each kind of query; a new kind fails to compile here. */
  private final class Reads implements AuditQuery.Visitor<List<Item>> {
    private final String low;
    private final String high;
    private final int order;
    private final int wanted;
    private final List<Item> items;

    Reads(String low, String high, int order, int wanted) {
      this.low = low;
      this.high = high;
      this.order = order;
      this.wanted = wanted;
      this.items = new ArrayList<>(Math.min(wanted, 1_024));
    }

    @Override
    public List<Item> rowHistory(AuditQuery.RowHistory q) {
      collect(Binds.bind(st.historyPage[order], q.table().database(), q.table().table(), q.key().canonical(), low, high,
          wanted), items, wanted);
      return items;
    }

    @Override
    public List<Item> byTransaction(AuditQuery.ByTransaction q) {
      collect(Binds.bind(st.txPage[order], q.transactionId(), low, high, wanted), items, wanted);
      return items;
    }

    @Override
    public List<Item> byTable(AuditQuery.ByTable q) {
      String[] range = bucketRange(low, high);
      BoundStatement buckets = Binds.bind(st.tableBuckets[order], q.table().database(), q.table().table(), range[0],
          range[1]);
      walk(buckets, b -> Binds.bind(st.tablePage[order], q.table().database(), q.table().table(), b, low, high,
          wanted - items.size()), items, wanted);
      return items;
    }

    @Override
    public List<Item> byActor(AuditQuery.ByActor q) {
      String[] range = bucketRange(low, high);
      BoundStatement buckets = Binds.bind(st.actorBuckets[order], q.actor(), range[0], range[1]);
      walk(buckets, b -> Binds.bind(st.actorPage[order], q.actor(), b, low, high, wanted - items.size()), items, wanted);
      return items;
    }
  }

  /** {first, last}, both inclusive, of the buckets that can hold sort keys between low and high (exclusive). */
  String[] bucketRange(String low, String high) {
    String first = low.isEmpty() ? "" : TimeKeys.bucket(bucket, TimeKeys.instantOf(low));
    String last;
    if (SortKeyRange.ABOVE_EVERY_KEY.equals(high)) {
      last = SortKeyRange.ABOVE_EVERY_KEY;
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
}
