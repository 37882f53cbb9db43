package io.cdcaudit.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cdcaudit.cassandra.internal.AsyncWindow;
import io.cdcaudit.cassandra.internal.Binds;
import io.cdcaudit.cassandra.internal.CassandraErrors;
import io.cdcaudit.cassandra.internal.Identifiers;
import io.cdcaudit.cassandra.internal.Pager;
import io.cdcaudit.cassandra.internal.Purger;
import io.cdcaudit.cassandra.internal.RecordRow;
import io.cdcaudit.cassandra.internal.Schema;
import io.cdcaudit.cassandra.internal.Statements;
import io.cdcaudit.cassandra.internal.TtlPolicy;
import io.cdcaudit.event.EventId;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.json.MalformedAuditJsonException;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.store.UnsupportedQueryException;
import io.cdcaudit.store.support.Batches;
import io.cdcaudit.store.support.IndexKey;
import io.cdcaudit.store.support.Pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * An {@link AuditStore}, {@link AuditQueries} and {@link RetentionStore} on Apache Cassandra (4.x, 5.x) through the
 * DataStax/Apache Java driver 4.x.
 *
 * <pre>{@code
 * CassandraAuditStore store = CassandraAuditStore.builder(session)   // a CqlSession the application owns
 *     .keyspace("audit")
 *     .replication(Replication.networkTopology(Map.of("dc1", 3)))
 *     .build();
 * store.ensureSchema();                                                // optional: CREATE ... IF NOT EXISTS
 * }</pre>
 *
 * <p><b>Tables.</b> Designed from the queries, written denormalised: every record goes to {@code records_by_id} and
 * to each query table that applies ({@code history_by_row}, {@code changes_by_table}, {@code changes_by_actor},
 * {@code changes_by_tx}), each holding the whole record as its audit-record JSON; a query reads one partition (or a
 * run of time buckets). See {@link #schemaStatements()} and the module README.
 *
 * <p><b>Appends.</b> Prepared statements, {@code executeAsync} with at most {@code maxConcurrentWrites} requests in
 * flight per store; {@link #append} returns when every write is acknowledged at the write consistency. It is
 * idempotent by event id, and the first stored version of an id wins: the batch first reads which ids are stored
 * already and leaves those alone; the new ones are written to the query tables first and to {@code records_by_id}
 * last, so an id is "stored" only once all its rows are, and a batch retried after a failure completes what the
 * failed attempt began. Any failure throws {@link StoreException}; the pipeline retries the whole batch, which is
 * safe. A record whose JSON exceeds {@code maxRecordBytes} is rejected (it could never be written).
 *
 * <p><b>Retention.</b> Rows get {@code USING TTL} from the record's deadline (none under legal hold or without a
 * deadline; see {@link Builder#expiredRecordGrace} and {@link Builder#latestTtlExpiry} for deadlines that passed
 * already or lie beyond what Cassandra can express). {@link #purgeExpired} removes expired records before their
 * TTL, through an index of deadlines by day, without scanning.
 *
 * <p>Thread-safe. The store does not own the session: closing it is the application's business.
 */
public final class CassandraAuditStore implements AuditStore, AuditQueries, RetentionStore {

  private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);
  private static final int COUNT_PAGE_SIZE = 5_000;
  private static final Set<AuditQuery.Kind> ALL_QUERIES = Collections.unmodifiableSet(EnumSet.allOf(AuditQuery.Kind.class));

  private final CqlSession session;
  private final Schema schema;
  private final Replication replication;
  private final TimeBucket bucket;
  private final ConsistencyLevel writeConsistency;
  private final ConsistencyLevel readConsistency;
  private final int maxConcurrentWrites;
  private final int maxRecordBytes;
  private final String executionProfile;
  private final Clock clock;
  private final TtlPolicy ttlPolicy;
  private final Semaphore permits;
  private final Object prepareLock = new Object();
  private volatile Statements statements;

  private CassandraAuditStore(Builder b) {
    this.session = b.session;
    this.schema = new Schema(b.keyspace, b.tablePrefix);
    this.replication = b.replication;
    this.bucket = b.bucket;
    this.writeConsistency = b.writeConsistency;
    this.readConsistency = b.readConsistency;
    this.maxConcurrentWrites = b.maxConcurrentWrites;
    this.maxRecordBytes = b.maxRecordBytes;
    this.executionProfile = b.executionProfile;
    this.clock = b.clock;
    this.ttlPolicy = new TtlPolicy(b.expiredRecordGrace, b.latestTtlExpiry);
    this.permits = new Semaphore(b.maxConcurrentWrites);
  }

  /**
   * A builder for a store on {@code session}, which must have been built with a local data centre.
   *
   * @param session the application's session (contact points, credentials and load balancing are its business)
   * @return a builder with the defaults below
   */
  public static Builder builder(CqlSession session) {
    return new Builder(session);
  }

  // ------------------------------------------------------------------------------------------------- schema

  /**
   * The CQL that creates this store's keyspace (with the configured replication) and tables, each
   * {@code IF NOT EXISTS}: for operators who create schemas by hand.
   *
   * @return the {@code CREATE} statements, in the order to run them
   */
  public List<String> schemaStatements() {
    List<String> cql = new ArrayList<>();
    cql.add(schema.createKeyspace(replication.toCql()));
    cql.addAll(schema.createTables());
    return cql;
  }

  /**
   * Creates the keyspace and the tables where missing ({@code IF NOT EXISTS}; an existing keyspace keeps its
   * replication). Idempotent; waits for schema agreement after each statement (the driver does).
   *
   * @throws StoreException when Cassandra refuses
   */
  public void ensureSchema() {
    for (String cql : schemaStatements()) {
      SimpleStatement ddl = SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT);
      if (executionProfile != null) {
        ddl = ddl.setExecutionProfileName(executionProfile);
      }
      try {
        session.execute(ddl);
      } catch (DriverException e) {
        throw new StoreException("cannot create the schema of " + this + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The keyspace this store uses.
   *
   * @return the keyspace's name
   */
  public String keyspace() {
    return schema.keyspace();
  }

  /**
   * The (unquoted) names of this store's tables, with the table prefix.
   *
   * @return the table names
   */
  public List<String> tableNames() {
    return Schema.TABLES.stream().map(schema::tableName).toList();
  }

  // ------------------------------------------------------------------------------------------------- append

  @Override
  public AppendResult append(List<AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return AppendResult.allStored();
    }
    Statements st = statements();
    Instant now = clock.instant();
    List<AuditRecord> unique = Batches.distinctById(records);

    // 1. Which ids are stored already? Those are left alone: the first stored version wins.
    Set<String> stored = ConcurrentHashMap.newKeySet();
    AsyncWindow check = window();
    for (AuditRecord record : unique) {
      String id = record.id().value();
      check.submit(read(Binds.bind(st.selectExists, id)), rs -> {
        if (rs.one() != null) {
          stored.add(id);
        }
      });
    }
    await(check, "checking which of " + unique.size() + " records are stored");

    List<RecordRow> rows = new ArrayList<>();
    List<AppendResult.Rejection> rejected = new ArrayList<>();
    for (AuditRecord record : unique) {
      if (stored.contains(record.id().value())) {
        continue;
      }
      RecordRow row;
      try {
        row = new RecordRow(record, bucket, ttlPolicy, now);
      } catch (RuntimeException e) {
        // Nothing was written yet; this record can never be turned into rows, the others can.
        rejected.add(new AppendResult.Rejection(record.id(), "the record cannot be written as Cassandra rows: " + e));
        continue;
      }
      if (row.jsonBytes > maxRecordBytes) {
        rejected.add(new AppendResult.Rejection(record.id(), "the record is " + row.jsonBytes
            + " bytes of JSON, more than CassandraAuditStore.maxRecordBytes (" + maxRecordBytes + ")"));
      } else {
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      return AppendResult.rejecting(rejected);
    }

    // 2. The query tables and indexes of the new records.
    AsyncWindow derived = window();
    Map<List<String>, Integer> tableBuckets = new LinkedHashMap<>();
    Map<List<String>, Integer> actorBuckets = new LinkedHashMap<>();
    Set<String> expiryDays = new LinkedHashSet<>();
    for (RecordRow r : rows) {
      for (IndexKey key : IndexKey.allOf(r.record)) {
        List<String> p = key.parts();
        // A moved row is under its old key too: the change is also the last one of the old key.
        derived.submit(write(switch (key.kind()) {
          case ROW_HISTORY -> Binds.bind(st.insertHistory, p.get(0), p.get(1), p.get(2), r.sortKey, r.json, r.ttl);
          case BY_ACTOR -> Binds.bind(st.insertByActor, p.get(0), r.bucket, r.sortKey, r.json, r.ttl);
          case BY_TABLE -> Binds.bind(st.insertByTable, p.get(0), p.get(1), r.bucket, r.sortKey, r.json, r.ttl);
          case BY_TRANSACTION -> Binds.bind(st.insertByTx, p.get(0), r.sortKey, r.json, r.ttl);
        }));
      }
      tableBuckets.putIfAbsent(List.of(r.database, r.table, r.bucket, r.keepUntil), r.indexTtl);
      if (r.actor != null) {
        actorBuckets.putIfAbsent(List.of(r.actor, r.bucket, r.keepUntil), r.indexTtl);
      }
      if (r.expiresAtMicros != null) {
        derived.submit(write(Binds.bind(st.insertExpiry, r.expiryDay, r.expiresAtMicros, r.id, r.database, r.table,
            r.rowKey, r.previousRowKey, r.bucket, r.actor, r.txId, r.sortKey, r.ttl)));
        expiryDays.add(r.expiryDay);
      }
    }
    tableBuckets.forEach((k, ttl) -> derived.submit(write(Binds.bind(st.insertTableBucket, k.get(0), k.get(1), k.get(2),
        k.get(3), ttl))));
    actorBuckets.forEach((k, ttl) -> derived.submit(write(Binds.bind(st.insertActorBucket, k.get(0), k.get(1), k.get(2),
        ttl))));
    for (String day : expiryDays) {
      derived.submit(write(Binds.bind(st.insertExpiryDay, Purger.SCOPE, day)));
    }
    await(derived, "writing the query tables of " + rows.size() + " records");

    // 3. records_by_id last: an id counts as stored only once every row of it is.
    AsyncWindow commit = window();
    for (RecordRow r : rows) {
      commit.submit(write(Binds.bind(st.insertRecord, r.id, r.json, r.sortKey, r.record.retention().expiresAt(),
          r.record.retention().legalHold(), r.ttl)));
    }
    await(commit, "writing " + rows.size() + " records to " + schema.tableName(Schema.RECORDS_BY_ID));
    return AppendResult.rejecting(rejected);
  }

  // ------------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<AuditRecord> find(EventId id) {
    Objects.requireNonNull(id, "id");
    Row row;
    try {
      row = session.execute(read(Binds.bind(statements().selectRecord, id.value()))).one();
    } catch (DriverException e) {
      throw new StoreException("cannot read record " + id + " from Cassandra: " + e.getMessage(), e);
    }
    return row == null ? Optional.empty() : Optional.of(decode(row.getString("record"), id.value()));
  }

  /**
   * How many records the store holds: counts the rows of {@code records_by_id}, page by page. A full scan, meant for
   * verification and tests; the pipeline never needs it.
   *
   * @return the number of stored records
   * @throws StoreException when Cassandra cannot be read
   */
  public long count() {
    long count = 0;
    try {
      ResultSet rs = session.execute(read(statements().selectAllIds.bind()).setPageSize(COUNT_PAGE_SIZE));
      for (Row ignored : rs) {
        count++;
      }
    } catch (DriverException e) {
      throw new StoreException("cannot count the records in Cassandra: " + e.getMessage(), e);
    }
    return count;
  }

  @Override
  public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    UnsupportedQueryException.requireSupported(this, query);
    try {
      List<Pager.Item> fetched = new Pager(session, statements(), bucket, this::read).fetch(query, page);
      return Pages.of(fetched, page, Pager.Item::sortKey, item -> decode(item.json(), item.sortKey()));
    } catch (DriverException e) {
      throw new StoreException("cannot query Cassandra for " + query + ": " + e.getMessage(), e);
    }
  }

  /** {@inheritDoc} Every kind: each has a query table of its own. */
  @Override
  public Set<AuditQuery.Kind> supportedQueries() {
    return ALL_QUERIES;
  }

  // ------------------------------------------------------------------------------------------------- retention

  /**
   * Removes every record whose deadline is at or before {@code now} (never one under legal hold or without a
   * deadline) from every table, finding them through {@code expiries_by_day} (no scan). Records that Cassandra's
   * TTL removed already are not counted.
   */
  @Override
  public long purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    try {
      return new Purger(session, statements(), this::read, this::write, this::window).purge(now);
    } catch (DriverException e) {
      throw new StoreException("cannot purge expired records in Cassandra: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------- helpers

  private Statements statements() {
    Statements s = statements;
    if (s == null) {
      synchronized (prepareLock) {
        s = statements;
        if (s == null) {
          try {
            s = Statements.prepare(session, schema);
          } catch (DriverException e) {
            String message = "cannot prepare the statements of " + this + " (does the schema"
                + " exist? call ensureSchema() or run schemaStatements()): " + e.getMessage();
            throw CassandraErrors.isUnusable(e) ? StoreException.unusable(message, e) : new StoreException(message, e);
          }
          statements = s;
        }
      }
    }
    return s;
  }

  private AsyncWindow window() {
    return new AsyncWindow(session, permits);
  }

  private void await(AsyncWindow window, String what) {
    try {
      window.awaitAll();
    } catch (StoreException e) {
      throw e;
    } catch (Throwable e) {
      if (CassandraErrors.isUnusable(e)) {
        throw StoreException.unusable("Cassandra refused " + this + " while " + what + ": " + e
            + " (check the credentials and permissions of the CqlSession, and that the schema exists)", e);
      }
      throw new StoreException("Cassandra failed while " + what + ": " + e, e);
    }
  }

  private BoundStatement write(BoundStatement statement) {
    BoundStatement s = statement.setConsistencyLevel(writeConsistency).setIdempotent(true);
    return executionProfile == null ? s : s.setExecutionProfileName(executionProfile);
  }

  private BoundStatement read(BoundStatement statement) {
    BoundStatement s = statement.setConsistencyLevel(readConsistency).setIdempotent(true);
    return executionProfile == null ? s : s.setExecutionProfileName(executionProfile);
  }

  private static AuditRecord decode(String json, String where) {
    try {
      return AuditRecordJson.fromText(json);
    } catch (MalformedAuditJsonException e) {
      throw new StoreException("the stored record " + where + " is not audit-record JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "CassandraAuditStore[keyspace=" + schema.keyspace() + ", tables=" + schema.tableName(Schema.RECORDS_BY_ID)
        + ",..., bucket=" + bucket + ", writes=" + writeConsistency + ", reads=" + readConsistency
        + ", maxConcurrentWrites=" + maxConcurrentWrites + "]";
  }

  // ------------------------------------------------------------------------------------------------- builder

  /**
   * Settings of a {@link CassandraAuditStore}; {@link #build()} checks them all and names the first one that is
   * wrong.
   */
  public static final class Builder {

    private final CqlSession session;
    private String keyspace = "cdc_audit";
    private String tablePrefix = "";
    private Replication replication = Replication.simple(1);
    private int maxConcurrentWrites = 64;
    private ConsistencyLevel writeConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
    private ConsistencyLevel readConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
    private TimeBucket bucket = TimeBucket.DAY;
    private Clock clock = Clock.systemUTC();
    private Duration expiredRecordGrace = Duration.ofDays(1);
    private Instant latestTtlExpiry = TtlPolicy.LEGACY_LATEST_EXPIRY;
    private int maxRecordBytes = 8 * 1024 * 1024;
    private String executionProfile;

    private Builder(CqlSession session) {
      this.session = session;
    }

    /**
     * The keyspace (default {@code cdc_audit}): 1 to 48 of {@code [a-zA-Z0-9_]}, not starting with a digit. It is
     * always quoted, so its case is kept.
     *
     * @param name the keyspace's name
     * @return this builder
     */
    public Builder keyspace(String name) {
      this.keyspace = name;
      return this;
    }

    /**
     * A prefix for the table names (default none), so that several stores can share a keyspace: empty, or 1 to
     * 32 of {@code [a-zA-Z0-9_]}, not starting with a digit.
     *
     * @param prefix the prefix, or empty
     * @return this builder
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * The replication {@link CassandraAuditStore#ensureSchema()} creates the keyspace with (default SimpleStrategy, 1).
     *
     * @param value the keyspace's replication
     * @return this builder
     */
    public Builder replication(Replication value) {
      this.replication = value;
      return this;
    }

    /**
     * The most requests one store has in flight (default 64, 1 to 1024), shared by all threads that append or
     * purge through it.
     *
     * @param n the most requests in flight
     * @return this builder
     */
    public Builder maxConcurrentWrites(int n) {
      this.maxConcurrentWrites = n;
      return this;
    }

    /**
     * The consistency of writes and reads (default {@code LOCAL_QUORUM} for both).
     *
     * @param level the consistency of writes and reads
     * @return this builder
     */
    public Builder consistency(ConsistencyLevel level) {
      this.writeConsistency = level;
      this.readConsistency = level;
      return this;
    }

    /**
     * The consistency of writes and deletes (default {@code LOCAL_QUORUM}); not ANY, SERIAL or LOCAL_SERIAL.
     *
     * @param level the consistency of writes
     * @return this builder
     */
    public Builder writeConsistency(ConsistencyLevel level) {
      this.writeConsistency = level;
      return this;
    }

    /**
     * The consistency of reads (default {@code LOCAL_QUORUM}); not ANY, EACH_QUORUM, SERIAL or LOCAL_SERIAL. With
     * fewer than a quorum of reads and writes, the "already stored?" check of an append may miss a record.
     *
     * @param level the consistency of reads
     * @return this builder
     */
    public Builder readConsistency(ConsistencyLevel level) {
      this.readConsistency = level;
      return this;
    }

    /**
     * The time bucket of {@code changes_by_table} and {@code changes_by_actor} (default {@link TimeBucket#DAY}).
     *
     * @param value the bucket width
     * @return this builder
     */
    public Builder bucket(TimeBucket value) {
      this.bucket = value;
      return this;
    }

    /**
     * The clock TTLs are computed against (default the system clock, UTC).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * How long a record whose deadline had passed already when it was appended is kept (default 1 day, 1 s to
     * 20 years): it is stored and acknowledged like any other, then its TTL ends; a purge removes it at once.
     *
     * @param grace how long an already-expired record is kept
     * @return this builder
     */
    public Builder expiredRecordGrace(Duration grace) {
      this.expiredRecordGrace = grace;
      return this;
    }

    /**
     * The latest instant a TTL may end at (default 2038-01-19T03:14:06Z, the limit of Cassandra 4 and of 5.0 in
     * its default {@code storage_compatibility_mode: CASSANDRA_4}; a 5.0 cluster in mode {@code NONE} can take
     * 2106-02-07T06:28:13Z). Records whose deadline lies later are written without a TTL, as are those more than
     * 20 years (Cassandra's largest TTL) away: {@link CassandraAuditStore#purgeExpired} removes them.
     *
     * @param latest the latest instant a TTL may end at
     * @return this builder
     */
    public Builder latestTtlExpiry(Instant latest) {
      this.latestTtlExpiry = latest;
      return this;
    }

    /**
     * The largest record, in bytes of its JSON, that is written (default 8 MiB, 1 KiB to 64 MiB); larger ones are
     * rejected, since Cassandra refuses mutations larger than half a commit-log segment (16 MiB by default).
     *
     * @param bytes the largest record written
     * @return this builder
     */
    public Builder maxRecordBytes(int bytes) {
      this.maxRecordBytes = bytes;
      return this;
    }

    /**
     * The driver execution profile of every statement (default: the session's default profile).
     *
     * @param name the profile's name in the driver configuration
     * @return this builder
     */
    public Builder executionProfile(String name) {
      this.executionProfile = name;
      return this;
    }

    /**
     * Builds the store. Makes no call to Cassandra: {@link CassandraAuditStore#ensureSchema()} creates the
     * keyspace and tables.
     *
     * @return the store
     * @throws IllegalArgumentException naming the first setting that is wrong
     */
    public CassandraAuditStore build() {
      require(session != null, "session", "must not be null");
      require(Identifiers.isKeyspace(keyspace), "keyspace",
          "must be 1 to 48 of [a-zA-Z0-9_], not starting with a digit, got " + Identifiers.describe(keyspace));
      require(Identifiers.isTablePrefix(tablePrefix), "tablePrefix",
          "must be empty or 1 to 32 of [a-zA-Z0-9_], not starting with a digit, got "
              + Identifiers.describe(tablePrefix));
      require(replication != null, "replication", "must not be null");
      require(maxConcurrentWrites >= 1 && maxConcurrentWrites <= 1024, "maxConcurrentWrites",
          "must be 1 to 1024, got " + maxConcurrentWrites);
      require(writeConsistency != null && !isSerial(writeConsistency) && !is(writeConsistency, "ANY"),
          "writeConsistency", "must not be null, ANY, SERIAL or LOCAL_SERIAL, got " + writeConsistency);
      require(readConsistency != null && !isSerial(readConsistency) && !is(readConsistency, "ANY")
              && !is(readConsistency, "EACH_QUORUM"),
          "readConsistency", "must not be null, ANY, EACH_QUORUM, SERIAL or LOCAL_SERIAL, got " + readConsistency);
      require(bucket != null, "bucket", "must not be null");
      require(clock != null, "clock", "must not be null");
      require(expiredRecordGrace != null && expiredRecordGrace.toSeconds() >= 1
              && expiredRecordGrace.toSeconds() <= TtlPolicy.MAX_TTL_SECONDS,
          "expiredRecordGrace", "must be 1 s to 20 years, got " + expiredRecordGrace);
      require(latestTtlExpiry != null, "latestTtlExpiry", "must not be null");
      require(maxRecordBytes >= 1024 && maxRecordBytes <= 64 * 1024 * 1024, "maxRecordBytes",
          "must be 1024 to " + 64 * 1024 * 1024 + ", got " + maxRecordBytes);
      require(executionProfile == null
              || session.getContext().getConfig().getProfiles().containsKey(executionProfile),
          "executionProfile", "must name a profile of the session's configuration, got "
              + Identifiers.describe(executionProfile));
      return new CassandraAuditStore(this);
    }

    private static boolean isSerial(ConsistencyLevel level) {
      return level.isSerial();
    }

    private static boolean is(ConsistencyLevel level, String name) {
      return name.equals(level.name());
    }

    private static void require(boolean ok, String setting, String message) {
      if (!ok) {
        throw new IllegalArgumentException("CassandraAuditStore." + setting + " " + message);
      }
    }
  }
}
