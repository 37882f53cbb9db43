package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.cdcaudit.store.StoreException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Removes expired records without scanning: {@code expiry_days} lists the UTC days that have deadlines,
 * {@code expiries_by_day} the records of each day by deadline, with the keys of all their rows. For each day up to
 * today, the entries whose deadline is at or before {@code now} are read page by page (the driver's paging resumes
 * after the last entry read, so the tombstones a purge leaves are not read again); for each page the rows of every
 * query table go first, then {@code records_by_id}, then the entries themselves, so that a purge interrupted
 * anywhere is completed by the next one. A day wholly in the past with no entries left leaves {@code expiry_days}.
 *
 * <p>Records under legal hold or without a deadline are never in the index, so never purged.
 */
public final class Purger {

  /** The one partition of {@code expiry_days}: a row per day, a few thousand over decades. */
  public static final String SCOPE = "all";
  private static final int PAGE = 1_000;

  private final CqlSession session;
  private final Statements st;
  private final UnaryOperator<BoundStatement> read;
  private final UnaryOperator<BoundStatement> write;
  private final Supplier<AsyncWindow> windows;

  public Purger(CqlSession session, Statements statements, UnaryOperator<BoundStatement> read,
          UnaryOperator<BoundStatement> write, Supplier<AsyncWindow> windows) {
    this.session = session;
    this.st = statements;
    this.read = read;
    this.write = write;
    this.windows = windows;
  }

  /** How many records it removed (records that a TTL removed already are not counted). */
  public long purge(Instant now) {
    long nowMicros = TimeKeys.micros(now);
    List<String> days = new ArrayList<>();
    for (Row row : session.execute(read.apply(Binds.bind(st.selectExpiryDays, SCOPE, TimeKeys.day(now))))) {
      days.add(row.getString(0));
    }
    long removed = 0;
    for (String day : days) {
      removed += purgeDay(day, nowMicros);
      Instant endOfDay = LocalDate.parse(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (!endOfDay.isAfter(now)) {
        forgetDayIfEmpty(day);
      }
    }
    return removed;
  }

  private long purgeDay(String day, long nowMicros) {
    ResultSet rs = session.execute(read.apply(Binds.bind(st.selectExpiries, day, nowMicros)).setPageSize(PAGE));
    long removed = 0;
    List<Row> page = new ArrayList<>(PAGE);
    for (Row row : rs) {
      page.add(row);
      if (rs.getAvailableWithoutFetching() == 0) { // the end of a page: purge it before fetching the next
        removed += purgeEntries(day, page);
        page.clear();
      }
    }
    if (!page.isEmpty()) {
      removed += purgeEntries(day, page);
    }
    return removed;
  }

  private int purgeEntries(String day, List<Row> entries) {
    Set<String> present = ConcurrentHashMap.newKeySet();
    AsyncWindow check = windows.get();
    for (Row e : entries) {
      String id = e.getString("id");
      check.submit(read.apply(Binds.bind(st.selectExists, id)), rs -> {
        if (rs.one() != null) {
          present.add(id);
        }
      });
    }
    await(check);

    AsyncWindow derived = windows.get();
    for (Row e : entries) {
      String database = e.getString("database");
      String table = e.getString("table_name");
      String rowKey = e.getString("row_key");
      String previousRowKey = e.getString("previous_row_key");
      String bucket = e.getString("bucket");
      String actor = e.getString("actor");
      String tx = e.getString("tx_id");
      String sortKey = e.getString("sort_key");
      if (rowKey != null) {
        derived.submit(write.apply(Binds.bind(st.deleteHistory, database, table, rowKey, sortKey)));
      }
      if (previousRowKey != null) {
        derived.submit(write.apply(Binds.bind(st.deleteHistory, database, table, previousRowKey, sortKey)));
      }
      derived.submit(write.apply(Binds.bind(st.deleteByTable, database, table, bucket, sortKey)));
      if (actor != null) {
        derived.submit(write.apply(Binds.bind(st.deleteByActor, actor, bucket, sortKey)));
      }
      if (tx != null) {
        derived.submit(write.apply(Binds.bind(st.deleteByTx, tx, sortKey)));
      }
    }
    await(derived);

    AsyncWindow records = windows.get();
    for (Row e : entries) {
      records.submit(write.apply(Binds.bind(st.deleteRecord, e.getString("id"))));
    }
    await(records);

    AsyncWindow index = windows.get();
    for (Row e : entries) {
      index.submit(write.apply(Binds.bind(st.deleteExpiry, day, e.getLong("expires_at"), e.getString("id"))));
    }
    await(index);
    return present.size();
  }

  private void forgetDayIfEmpty(String day) {
    if (session.execute(read.apply(Binds.bind(st.selectAnyExpiry, day))).one() == null) {
      // An append that adds an entry to this past day at this very moment (a record that had expired before it
      // arrived) may lose its day here: that record then goes by its TTL (the grace period) only.
      session.execute(write.apply(Binds.bind(st.deleteExpiryDay, SCOPE, day)));
    }
  }

  private static void await(AsyncWindow window) {
    try {
      window.awaitAll();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new StoreException("Cassandra failed while purging: " + e, e);
    }
  }
}
