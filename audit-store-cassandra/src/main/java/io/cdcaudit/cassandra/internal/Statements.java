package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.cdcaudit.cassandra.internal.Schema.BUCKETS_BY_ACTOR;
import static io.cdcaudit.cassandra.internal.Schema.BUCKETS_BY_TABLE;
import static io.cdcaudit.cassandra.internal.Schema.CHANGES_BY_ACTOR;
import static io.cdcaudit.cassandra.internal.Schema.CHANGES_BY_TABLE;
import static io.cdcaudit.cassandra.internal.Schema.CHANGES_BY_TX;
import static io.cdcaudit.cassandra.internal.Schema.EXPIRIES_BY_DAY;
import static io.cdcaudit.cassandra.internal.Schema.EXPIRY_DAYS;
import static io.cdcaudit.cassandra.internal.Schema.HISTORY_BY_ROW;
import static io.cdcaudit.cassandra.internal.Schema.RECORDS_BY_ID;

/**
 * Every statement of a store, prepared once (all at once, asynchronously). Row data is only ever bound; the CQL text
 * holds nothing but validated, quoted names from {@link Schema}.
 */
public final class Statements {

  // writes
  public final PreparedStatement insertRecord;
  public final PreparedStatement insertHistory;
  public final PreparedStatement insertByTable;
  public final PreparedStatement insertByActor;
  public final PreparedStatement insertByTx;
  public final PreparedStatement insertTableBucket;
  public final PreparedStatement insertActorBucket;
  public final PreparedStatement insertExpiry;
  public final PreparedStatement insertExpiryDay;
  // reads
  public final PreparedStatement selectExists;
  public final PreparedStatement selectRecord;
  public final PreparedStatement selectAllIds;
  /** [0] oldest first, [1] newest first. */
  public final PreparedStatement[] historyPage;
  public final PreparedStatement[] tablePage;
  public final PreparedStatement[] actorPage;
  public final PreparedStatement[] txPage;
  public final PreparedStatement[] tableBuckets;
  public final PreparedStatement[] actorBuckets;
  public final PreparedStatement selectExpiryDays;
  public final PreparedStatement selectExpiries;
  public final PreparedStatement selectAnyExpiry;
  // deletes
  public final PreparedStatement deleteRecord;
  public final PreparedStatement deleteHistory;
  public final PreparedStatement deleteByTable;
  public final PreparedStatement deleteByActor;
  public final PreparedStatement deleteByTx;
  public final PreparedStatement deleteExpiry;
  public final PreparedStatement deleteExpiryDay;

  private final List<PreparedStatement> all = new ArrayList<>();

  private Statements(Schema s, List<PreparedStatement> prepared) {
    int i = 0;
    insertRecord = prepared.get(i++);
    insertHistory = prepared.get(i++);
    insertByTable = prepared.get(i++);
    insertByActor = prepared.get(i++);
    insertByTx = prepared.get(i++);
    insertTableBucket = prepared.get(i++);
    insertActorBucket = prepared.get(i++);
    insertExpiry = prepared.get(i++);
    insertExpiryDay = prepared.get(i++);
    selectExists = prepared.get(i++);
    selectRecord = prepared.get(i++);
    selectAllIds = prepared.get(i++);
    historyPage = new PreparedStatement[] {prepared.get(i++), prepared.get(i++)};
    tablePage = new PreparedStatement[] {prepared.get(i++), prepared.get(i++)};
    actorPage = new PreparedStatement[] {prepared.get(i++), prepared.get(i++)};
    txPage = new PreparedStatement[] {prepared.get(i++), prepared.get(i++)};
    tableBuckets = new PreparedStatement[] {prepared.get(i++), prepared.get(i++)};
    actorBuckets = new PreparedStatement[] {prepared.get(i++), prepared.get(i++)};
    selectExpiryDays = prepared.get(i++);
    selectExpiries = prepared.get(i++);
    selectAnyExpiry = prepared.get(i++);
    deleteRecord = prepared.get(i++);
    deleteHistory = prepared.get(i++);
    deleteByTable = prepared.get(i++);
    deleteByActor = prepared.get(i++);
    deleteByTx = prepared.get(i++);
    deleteExpiry = prepared.get(i++);
    deleteExpiryDay = prepared.get(i++);
    all.addAll(prepared);
  }

  /** The CQL of every statement, in the order {@link #prepare} expects. */
  static List<String> cql(Schema s) {
    List<String> q = new ArrayList<>();
    String records = s.qualified(RECORDS_BY_ID);
    String history = s.qualified(HISTORY_BY_ROW);
    String byTable = s.qualified(CHANGES_BY_TABLE);
    String byActor = s.qualified(CHANGES_BY_ACTOR);
    String byTx = s.qualified(CHANGES_BY_TX);
    String tableBuckets = s.qualified(BUCKETS_BY_TABLE);
    String actorBuckets = s.qualified(BUCKETS_BY_ACTOR);
    String expiries = s.qualified(EXPIRIES_BY_DAY);
    String expiryDays = s.qualified(EXPIRY_DAYS);
    // writes: a plain INSERT is an upsert, so writing the same row again writes the same cells
    q.add("INSERT INTO " + records + " (id, record, sort_key, expires_at, legal_hold) VALUES (?, ?, ?, ?, ?)"
        + " USING TTL ?");
    q.add("INSERT INTO " + history + " (database, table_name, row_key, sort_key, record) VALUES (?, ?, ?, ?, ?)"
        + " USING TTL ?");
    q.add("INSERT INTO " + byTable + " (database, table_name, bucket, sort_key, record) VALUES (?, ?, ?, ?, ?)"
        + " USING TTL ?");
    q.add("INSERT INTO " + byActor + " (actor, bucket, sort_key, record) VALUES (?, ?, ?, ?) USING TTL ?");
    q.add("INSERT INTO " + byTx + " (tx_id, sort_key, record) VALUES (?, ?, ?) USING TTL ?");
    q.add("INSERT INTO " + tableBuckets + " (database, table_name, bucket, keep_until) VALUES (?, ?, ?, ?)"
        + " USING TTL ?");
    q.add("INSERT INTO " + actorBuckets + " (actor, bucket, keep_until) VALUES (?, ?, ?) USING TTL ?");
    q.add("INSERT INTO " + expiries + " (day, expires_at, id, database, table_name, row_key, previous_row_key,"
        + " bucket, actor, tx_id, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    q.add("INSERT INTO " + expiryDays + " (scope, day) VALUES (?, ?)");
    // reads
    q.add("SELECT id FROM " + records + " WHERE id = ?");
    q.add("SELECT record FROM " + records + " WHERE id = ?");
    q.add("SELECT id FROM " + records);
    for (String order : new String[] {"ASC", "DESC"}) {
      q.add("SELECT sort_key, record FROM " + history + " WHERE database = ? AND table_name = ? AND row_key = ?"
          + " AND sort_key > ? AND sort_key < ? ORDER BY sort_key " + order + " LIMIT ?");
    }
    for (String order : new String[] {"ASC", "DESC"}) {
      q.add("SELECT sort_key, record FROM " + byTable + " WHERE database = ? AND table_name = ? AND bucket = ?"
          + " AND sort_key > ? AND sort_key < ? ORDER BY sort_key " + order + " LIMIT ?");
    }
    for (String order : new String[] {"ASC", "DESC"}) {
      q.add("SELECT sort_key, record FROM " + byActor + " WHERE actor = ? AND bucket = ?"
          + " AND sort_key > ? AND sort_key < ? ORDER BY sort_key " + order + " LIMIT ?");
    }
    for (String order : new String[] {"ASC", "DESC"}) {
      q.add("SELECT sort_key, record FROM " + byTx + " WHERE tx_id = ?"
          + " AND sort_key > ? AND sort_key < ? ORDER BY sort_key " + order + " LIMIT ?");
    }
    for (String order : new String[] {"ASC", "DESC"}) {
      q.add("SELECT bucket FROM " + tableBuckets + " WHERE database = ? AND table_name = ?"
          + " AND bucket >= ? AND bucket <= ? ORDER BY bucket " + order);
    }
    for (String order : new String[] {"ASC", "DESC"}) {
      q.add("SELECT bucket FROM " + actorBuckets + " WHERE actor = ?"
          + " AND bucket >= ? AND bucket <= ? ORDER BY bucket " + order);
    }
    q.add("SELECT day FROM " + expiryDays + " WHERE scope = ? AND day <= ?");
    q.add("SELECT expires_at, id, database, table_name, row_key, previous_row_key, bucket, actor, tx_id, sort_key FROM " + expiries
        + " WHERE day = ? AND expires_at <= ?");
    q.add("SELECT id FROM " + expiries + " WHERE day = ? LIMIT 1");
    // deletes (purge)
    q.add("DELETE FROM " + records + " WHERE id = ?");
    q.add("DELETE FROM " + history + " WHERE database = ? AND table_name = ? AND row_key = ? AND sort_key = ?");
    q.add("DELETE FROM " + byTable + " WHERE database = ? AND table_name = ? AND bucket = ? AND sort_key = ?");
    q.add("DELETE FROM " + byActor + " WHERE actor = ? AND bucket = ? AND sort_key = ?");
    q.add("DELETE FROM " + byTx + " WHERE tx_id = ? AND sort_key = ?");
    q.add("DELETE FROM " + expiries + " WHERE day = ? AND expires_at = ? AND id = ?");
    q.add("DELETE FROM " + expiryDays + " WHERE scope = ? AND day = ?");
    return q;
  }

  /** Prepares every statement (concurrently). Throws what the driver threw, for example when a table is missing. */
  public static Statements prepare(CqlSession session, Schema schema) {
    List<CompletableFuture<PreparedStatement>> futures = new ArrayList<>();
    for (String cql : cql(schema)) {
      futures.add(session.prepareAsync(SimpleStatement.newInstance(cql)).toCompletableFuture());
    }
    List<PreparedStatement> prepared = new ArrayList<>();
    for (CompletableFuture<PreparedStatement> future : futures) {
      try {
        prepared.add(future.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return new Statements(schema, prepared);
  }

  /** How many statements there are. */
  public int size() {
    return all.size();
  }
}
