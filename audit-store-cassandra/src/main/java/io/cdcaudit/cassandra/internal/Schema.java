package io.cdcaudit.cassandra.internal;

import java.util.List;

/**
 * The keyspace and tables of a store, designed from its queries (see the module README for the reasons). Every
 * name in CQL text comes from here: a validated keyspace, a validated prefix and fixed table names, all quoted.
 *
 * <ul>
 *   <li>{@code records_by_id}: one row per record (find by id, count, the "already stored?" check);</li>
 *   <li>{@code history_by_row}: a row's history, partition (database, table, primary key);</li>
 *   <li>{@code changes_by_table}: partition (database, table, time bucket);</li>
 *   <li>{@code changes_by_actor}: partition (actor, time bucket);</li>
 *   <li>{@code changes_by_tx}: partition (transaction id);</li>
 *   <li>{@code buckets_by_table}, {@code buckets_by_actor}: which time buckets hold changes of a table or an actor,
 *       so that open-ended time ranges know where to start and sparse ranges skip empty buckets;</li>
 *   <li>{@code expiries_by_day}, {@code expiry_days}: records with a deadline by the day of their deadline, with
 *       the keys of their rows, so that a purge finds what expired without scanning.</li>
 * </ul>
 * Every query table clusters by {@code sort_key} ({@code AuditRecord.sortKey()}: commit time in microseconds,
 * binlog order, id), so time ranges and cursors are plain clustering-range predicates.
 */
public final class Schema {

  public static final String RECORDS_BY_ID = "records_by_id";
  public static final String HISTORY_BY_ROW = "history_by_row";
  public static final String CHANGES_BY_TABLE = "changes_by_table";
  public static final String CHANGES_BY_ACTOR = "changes_by_actor";
  public static final String CHANGES_BY_TX = "changes_by_tx";
  public static final String BUCKETS_BY_TABLE = "buckets_by_table";
  public static final String BUCKETS_BY_ACTOR = "buckets_by_actor";
  public static final String EXPIRIES_BY_DAY = "expiries_by_day";
  public static final String EXPIRY_DAYS = "expiry_days";

  /** Every table, in creation order. */
  public static final List<String> TABLES = List.of(RECORDS_BY_ID, HISTORY_BY_ROW, CHANGES_BY_TABLE,
      CHANGES_BY_ACTOR, CHANGES_BY_TX, BUCKETS_BY_TABLE, BUCKETS_BY_ACTOR, EXPIRIES_BY_DAY, EXPIRY_DAYS);

  private final String keyspace;
  private final String prefix;

  /** Both were validated by the builder ({@link Identifiers}). */
  public Schema(String keyspace, String tablePrefix) {
    if (!Identifiers.isKeyspace(keyspace) || !Identifiers.isTablePrefix(tablePrefix)) {
      throw new IllegalArgumentException("invalid keyspace or table prefix: " + Identifiers.describe(keyspace)
          + ", " + Identifiers.describe(tablePrefix));
    }
    this.keyspace = keyspace;
    this.prefix = tablePrefix;
  }

  public String keyspace() {
    return keyspace;
  }

  /** The unquoted name of one of {@link #TABLES} with the prefix. */
  public String tableName(String table) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("not a table of this store: " + table);
    }
    return prefix + table;
  }

  /** {@code "keyspace"."prefix_table"}. */
  public String qualified(String table) {
    return Identifiers.quote(keyspace) + '.' + Identifiers.quote(tableName(table));
  }

  /** {@code CREATE KEYSPACE IF NOT EXISTS} with the given replication map literal. */
  public String createKeyspace(String replicationCql) {
    return "CREATE KEYSPACE IF NOT EXISTS " + Identifiers.quote(keyspace) + " WITH replication = "
        + replicationCql + " AND durable_writes = true";
  }

  /** {@code CREATE TABLE IF NOT EXISTS} for every table. */
  public List<String> createTables() {
    return List.of(
        create(RECORDS_BY_ID, "id text PRIMARY KEY, record text, sort_key text, expires_at timestamp,"
            + " legal_hold boolean",
            "the stored version of each record (the first one appended), by event id"),
        create(HISTORY_BY_ROW, "database text, table_name text, row_key text, sort_key text, record text,"
            + " PRIMARY KEY ((database, table_name, row_key), sort_key)",
            "a row's history: partition (database, table, canonical primary key), by sort key"),
        create(CHANGES_BY_TABLE, "database text, table_name text, bucket text, sort_key text, record text,"
            + " PRIMARY KEY ((database, table_name, bucket), sort_key)",
            "a table's changes: partition (database, table, time bucket), by sort key"),
        create(CHANGES_BY_ACTOR, "actor text, bucket text, sort_key text, record text,"
            + " PRIMARY KEY ((actor, bucket), sort_key)",
            "an actor's changes: partition (actor, time bucket), by sort key"),
        create(CHANGES_BY_TX, "tx_id text, sort_key text, record text, PRIMARY KEY ((tx_id), sort_key)",
            "a transaction's changes, by sort key"),
        create(BUCKETS_BY_TABLE, "database text, table_name text, bucket text, keep_until text,"
            + " PRIMARY KEY ((database, table_name), bucket, keep_until)",
            "the time buckets of changes_by_table that hold changes, each kept as long as its records"),
        create(BUCKETS_BY_ACTOR, "actor text, bucket text, keep_until text,"
            + " PRIMARY KEY ((actor), bucket, keep_until)",
            "the time buckets of changes_by_actor that hold changes, each kept as long as its records"),
        create(EXPIRIES_BY_DAY, "day text, expires_at bigint, id text, database text, table_name text,"
            + " row_key text, previous_row_key text, bucket text, actor text, tx_id text, sort_key text,"
            + " PRIMARY KEY ((day), expires_at, id)",
            "records with a deadline, by the UTC day of the deadline (microseconds), with their row keys"),
        create(EXPIRY_DAYS, "scope text, day text, PRIMARY KEY ((scope), day)",
            "the days of expiries_by_day that hold entries"));
  }

  private String create(String table, String columns, String comment) {
    return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (" + columns + ") WITH comment = '"
        + comment.replace("'", "''") + "'";
  }
}
