package io.cdcaudit.s3;

import io.cdcaudit.event.EventId;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.s3.internal.BatchIndexWriter;
import io.cdcaudit.s3.internal.BucketAccess;
import io.cdcaudit.s3.internal.DataObjectName;
import io.cdcaudit.s3.internal.DataObjectWrites;
import io.cdcaudit.s3.internal.DataObjects;
import io.cdcaudit.s3.internal.IndexCompactor;
import io.cdcaudit.s3.internal.IndexEntry;
import io.cdcaudit.s3.internal.IndexReader;
import io.cdcaudit.s3.internal.IndexedQuery;
import io.cdcaudit.s3.internal.Layout;
import io.cdcaudit.s3.internal.LifecycleRules;
import io.cdcaudit.s3.internal.PartitionCompactor;
import io.cdcaudit.s3.internal.PartitionNames;
import io.cdcaudit.s3.internal.Purger;
import io.cdcaudit.s3.internal.TableScan;
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

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * An {@link AuditStore}, {@link AuditQueries} and {@link RetentionStore} in S3 objects, for audit trails kept for
 * years at object-storage prices, readable by query engines without this library.
 *
 * <pre>{@code
 * S3AuditStore store = S3AuditStore.builder(s3Client)   // an S3Client the application owns
 *     .bucket("acme-audit")
 *     .prefix("trail/")
 *     .objectLock(ObjectLock.compliance(Duration.ofDays(3650)))   // optional: a bucket with Object Lock
 *     .build();
 * store.installLifecycleRules(retentionPolicy);                   // optional: per-table expiration
 * }</pre>
 *
 * <p><b>Layout.</b> Each appended batch writes one data object per (table, commit day, retention class):
 * {@code <prefix>data/database_name=<db>/table_name=<table>/commit_date=<yyyy-mm-dd>/<first>-<last>-<class>-<hash>.ndjson.gz},
 * gzip-compressed, one audit-record JSON per line ({@code audit-record-json}'s form), so Athena, Trino, Spark or
 * DuckDB read the trail directly with Hive partitioning. Names are written {@code %XX}-escaped in keys, exactly
 * decodable; the records hold them unescaped. Then one batch index object under {@code <prefix>index/}, which
 * {@link #compactIndex()} folds into 64 buckets by key (every {@code compactEvery} appends of this instance).
 *
 * <p><b>Exactly once.</b> An object's name is the hash of its record ids, written with {@code If-None-Match: *}: a
 * batch replayed as it was cut writes nothing new. A batch replayed in another cut may put a record into two objects;
 * every query, {@link #find(EventId)} and the count of stored ids see it once: of two copies of an id, the one recorded
 * first wins (then the lower object key), so a redelivery never replaces what was stored. Engines reading the
 * objects directly de-duplicate by {@code id} (see the README).
 *
 * <p><b>Queries.</b> Every kind. A table's changes are read from its day partitions (only the days and, by the time
 * span in their names, the objects the page needs); a row's history, an actor's and a transaction's changes and
 * {@link #find(EventId)} through the index (the batch indexes not yet compacted and one bucket), reading only the
 * data objects of the page's records.
 *
 * <p><b>Retention.</b> {@link #lifecycleRules(RetentionPolicy)} and {@link #installLifecycleRules(RetentionPolicy)}
 * turn a policy into one expiration rule per table prefix, for objects tagged as holding expiring records;
 * {@link #purgeExpired(Instant)} removes expired records itself. With {@link Builder#objectLock(ObjectLock)}, data
 * objects are written WORM: retained until their records' latest deadline, held ones with an object legal hold.
 *
 * <p>Thread-safe. The store does not own the client: closing it is the application's business.
 */
public final class S3AuditStore implements AuditStore, AuditQueries, RetentionStore {

  private static final System.Logger LOG = System.getLogger(S3AuditStore.class.getName());
  private static final Set<AuditQuery.Kind> ALL_QUERIES = Collections.unmodifiableSet(EnumSet.allOf(AuditQuery.Kind.class));

  private final BucketAccess bucket;
  private final Layout layout;
  private final boolean tagObjects;
  private final DataObjectWrites writes;
  private final int compactEvery;
  private final int maxRecordBytes;
  private final IndexReader index;
  private final DataObjects data;
  private final IndexedQuery indexed;
  private final TableScan tableScan;
  private final IndexCompactor compactor;
  private final Purger purger;
  private final BatchIndexWriter batchIndex;
  private final PartitionCompactor partitions;
  private final AtomicLong appends = new AtomicLong();
  private final ReentrantLock compacting = new ReentrantLock();

  private S3AuditStore(Builder b) {
    this.bucket = new BucketAccess(b.client, b.bucket);
    this.layout = new Layout(b.prefix);
    this.tagObjects = b.tagObjects;
    this.writes = new DataObjectWrites(b.tagObjects, b.objectLock, b.clock);
    this.compactEvery = b.compactEvery;
    this.maxRecordBytes = b.maxRecordBytes;
    this.index = new IndexReader(bucket, layout, b.indexCacheObjects);
    this.data = new DataObjects(bucket);
    this.indexed = new IndexedQuery(index, data, layout);
    this.tableScan = new TableScan(bucket, data, layout);
    this.compactor = new IndexCompactor(bucket, layout, index);
    this.purger = new Purger(bucket, data, layout, writes::apply);
    this.batchIndex = new BatchIndexWriter(bucket, layout);
    this.partitions = new PartitionCompactor(bucket, data, layout, writes::apply);
  }

  /**
   * A builder for a store that writes through {@code client}.
   *
   * @param client the application's client (region, credentials, endpoint and HTTP client are its business)
   * @return a builder with the defaults below
   */
  public static Builder builder(S3Client client) {
    return new Builder(client);
  }

  // ------------------------------------------------------------------------------------------------- append

  @Override
  public AppendResult append(List<AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return AppendResult.allStored();
    }
    List<AppendResult.Rejection> rejected = new ArrayList<>();
    Map<Group, List<Encoded>> groups = new LinkedHashMap<>();
    for (AuditRecord record : Batches.distinctById(records)) {
      byte[] json = AuditRecordJson.toBytes(record);
      if (json.length > maxRecordBytes) {
        rejected.add(new AppendResult.Rejection(record.id(), "the record's JSON is " + json.length
            + " bytes, more than maxRecordBytes (" + maxRecordBytes + ")"));
        continue;
      }
      groups.computeIfAbsent(Group.of(record), g -> new ArrayList<>()).add(new Encoded(record, json));
    }
    List<IndexEntry> entries = new ArrayList<>();
    for (Map.Entry<Group, List<Encoded>> group : groups.entrySet()) {
      List<Encoded> members = group.getValue();
      members.sort(Comparator.comparing(e -> e.record().sortKey()));
      List<AuditRecord> groupRecords = members.stream().map(Encoded::record).toList();
      DataObjectName name = DataObjectName.of(groupRecords, DataObjectName.retentionClassOf(groupRecords));
      String key = layout.dataKey(group.getKey().table(), group.getKey().day(), name);
      bucket.putIfAbsent(key, DataObjects.encode(members.stream().map(Encoded::json).toList()),
          b -> writes.apply(groupRecords, b));
      String relative = key.substring(layout.prefix().length());
      groupRecords.forEach(r -> entries.add(IndexEntry.of(r, relative)));
    }
    if (!entries.isEmpty()) {
      index.remember(batchIndex.write(entries), entries);
      compactNowAndThen();
    }
    return AppendResult.rejecting(rejected);
  }

  private void compactNowAndThen() {
    if (compactEvery == 0 || appends.incrementAndGet() % compactEvery != 0 || !compacting.tryLock()) {
      return;
    }
    try {
      compactor.compact();
    } catch (StoreException e) {
      // The records are stored already; the batch indexes stay until a compaction succeeds.
      LOG.log(System.Logger.Level.WARNING, "cannot compact the index of " + this + " (retried after "
          + compactEvery + " more appends): " + e.getMessage(), e);
    } finally {
      compacting.unlock();
    }
  }

  // ------------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<AuditRecord> find(EventId id) {
    return indexed.byId(Objects.requireNonNull(id, "id").value());
  }

  @Override
  public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    UnsupportedQueryException.requireSupported(this, query);
    if (query instanceof AuditQuery.ByTable byTable) {
      return tableScan.page(byTable.table(), byTable.range(), page);
    }
    return indexed.page(IndexKey.of(query).joined(), query.range(), page);
  }

  @Override
  public Set<AuditQuery.Kind> supportedQueries() {
    return ALL_QUERIES;
  }

  /**
   * The tables that have data under the store's prefix, from two levels of listing (one request per 1,000
   * databases, and per 1,000 tables of each).
   *
   * @return the tables, by database then table key order
   * @throws StoreException when S3 fails
   */
  public List<TableRef> tables() {
    List<TableRef> tables = new ArrayList<>();
    for (String database : bucket.listFolders(layout.dataRoot())) {
      String db = PartitionNames.decode(partitionValue(database, "database_name="));
      for (String table : bucket.listFolders(database)) {
        tables.add(TableRef.of(db, PartitionNames.decode(partitionValue(table, "table_name="))));
      }
    }
    return tables;
  }

  private static String partitionValue(String folder, String column) {
    String last = folder.substring(0, folder.length() - 1);
    last = last.substring(last.lastIndexOf('/') + 1);
    if (!last.startsWith(column)) {
      throw StoreException.permanent("'" + folder + "' is not a " + column + " partition this store wrote", null);
    }
    return last.substring(column.length());
  }

  // ------------------------------------------------------------------------------------------------- index

  /**
   * Folds the batch indexes into the index buckets, so that queries through the index read one bucket instead of
   * every batch index. The store does it itself every {@code compactEvery} appends; call it from a schedule instead
   * where that is off. Safe beside writers, readers and other compactions.
   *
   * @return how many batch indexes were folded
   * @throws StoreException when S3 fails (nothing is lost: the batch indexes stay until a compaction succeeds)
   */
  public int compactIndex() {
    compacting.lock();
    try {
      return compactor.compact();
    } finally {
      compacting.unlock();
    }
  }

  /**
   * Rewrites one day of a table without duplicates: the records of every object there, each event id once (the
   * first recorded copy), in one object per retention kind (of at most 100,000 records), indexed; then the objects
   * it read are deleted. For engines that read the objects directly, after a replay in another cut put records
   * into two objects, and to turn a busy day's many small objects into a few. Safe beside writers (an object
   * written meanwhile is left for the next run) and readers. With Object Lock, S3 keeps the locked versions of the
   * replaced objects until their retention ends (a delete in a versioned bucket adds a delete marker).
   *
   * @param table the table
   * @param day the commit day (UTC)
   * @return how many objects were replaced; 0 when the day had at most one of each retention kind
   * @throws StoreException when S3 fails; nothing is lost (the old objects go only after the new ones and their
   *     index are written), and running it again completes it
   */
  public int compactPartition(TableRef table, LocalDate day) {
    return partitions.compact(Objects.requireNonNull(table, "table"), Objects.requireNonNull(day, "day"));
  }

  /**
   * {@link #compactPartition} for every table that has data ({@link #tables()}), on one day: for a daily job over
   * yesterday's partitions.
   *
   * @param day the commit day (UTC)
   * @return how many objects were replaced
   * @throws StoreException when S3 fails
   */
  public int compactDay(LocalDate day) {
    Objects.requireNonNull(day, "day");
    int replaced = 0;
    for (TableRef table : tables()) {
      replaced += partitions.compact(table, day);
    }
    return replaced;
  }

  // ------------------------------------------------------------------------------------------------- retention

  @Override
  public long purgeExpired(Instant now) {
    return purger.purge(Objects.requireNonNull(now, "now"));
  }

  /**
   * The lifecycle rules that expire the store's data objects under {@code policy}: one per table that has data
   * ({@link #tables()}), on the table's prefix, for objects tagged as holding records with a deadline, after the
   * longest period the policy gives the table (rounded up to days). Tables kept forever or held get none. Objects
   * of held records and of records without a deadline are never expired by them.
   *
   * @param policy the retention policy the pipeline applies
   * @return the rules, for an operator to install; their ids start with the same store-specific prefix
   * @throws StoreException when S3 fails
   */
  public List<LifecycleRule> lifecycleRules(RetentionPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    if (!tagObjects) {
      throw new IllegalStateException(this + " writes objects without tags (tagObjects(false)), which no "
          + "lifecycle rule of it could select; build it with tagObjects(true) to use lifecycle rules");
    }
    return LifecycleRules.of(policy, tables(), layout);
  }

  /**
   * Installs {@link #lifecycleRules(RetentionPolicy)} on the bucket, replacing this store's earlier rules and
   * keeping every other rule of the bucket. Run it again when new tables appear (a table without a rule keeps its
   * records until {@link #purgeExpired(Instant)} or a later install).
   *
   * @param policy the retention policy the pipeline applies
   * @return the rules installed
   * @throws StoreException when S3 refuses (the bucket has no lifecycle support, or no permission)
   */
  public List<LifecycleRule> installLifecycleRules(RetentionPolicy policy) {
    List<LifecycleRule> ours = lifecycleRules(policy);
    LifecycleRules.install(bucket, layout, ours);
    return ours;
  }

  // ------------------------------------------------------------------------------------------------- about

  /**
   * The bucket the store writes to.
   *
   * @return the bucket's name
   */
  public String bucket() {
    return bucket.bucket();
  }

  /**
   * The prefix under which the store writes: empty, or ending in {@code /}.
   *
   * @return the prefix
   */
  public String prefix() {
    return layout.prefix();
  }

  /**
   * The prefix of a table's data objects, for a query engine's table location or an operator's rule.
   *
   * @param table the table
   * @return {@code <prefix>data/database_name=<db>/table_name=<table>/}
   */
  public String tablePrefix(TableRef table) {
    return layout.tablePrefix(Objects.requireNonNull(table, "table"));
  }

  @Override
  public String toString() {
    return "S3AuditStore[s3://" + bucket.bucket() + "/" + layout.prefix() + "]";
  }

  private record Encoded(AuditRecord record, byte[] json) {}

  /** The records of one data object: one table, one commit day, one retention kind. */
  private record Group(TableRef table, LocalDate day, String kind) {
    static Group of(AuditRecord record) {
      String cls = DataObjectName.retentionClassOf(record.retention());
      return new Group(record.event().table(), Layout.dayOf(record), cls.startsWith("x") ? "x" : cls);
    }
  }

  // ------------------------------------------------------------------------------------------------- builder

  /** Builds an {@link S3AuditStore}; every setting is checked when set, with a message naming it. */
  public static final class Builder {
    private final S3Client client;
    private String bucket;
    private String prefix = "";
    private ObjectLock objectLock;
    private boolean tagObjects = true;
    private int compactEvery = 50;
    private int indexCacheObjects = 256;
    private int maxRecordBytes = 16 * 1024 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder(S3Client client) {
      this.client = Objects.requireNonNull(client, "S3AuditStore client");
    }

    /**
     * The bucket to write to (required). It must exist; the store never creates it.
     *
     * @param name the bucket's name
     * @return this builder
     */
    public Builder bucket(String name) {
      Objects.requireNonNull(name, "S3AuditStore bucket");
      if (!name.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("S3AuditStore bucket must be an S3 bucket name (3 to 63 lower-case "
            + "letters, digits, dots and hyphens), got '" + name + "'");
      }
      this.bucket = name;
      return this;
    }

    /**
     * The key prefix under which everything is written (default: none), so that one bucket can hold several
     * trails. A {@code /} is added at its end when missing.
     *
     * @param keyPrefix the prefix, such as {@code "audit/prod/"}
     * @return this builder
     */
    public Builder prefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "S3AuditStore prefix");
      String p = keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
      if (p.startsWith("/") || p.contains("//") || ("/" + p).contains("/../") || ("/" + p).contains("/./")
          || p.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || p.length() > 512) {
        throw new IllegalArgumentException("S3AuditStore prefix must be up to 512 characters of '/'-separated, "
            + "non-empty segments without '.', '..' or control characters, not starting with '/', got '"
            + keyPrefix + "'");
      }
      this.prefix = p;
      return this;
    }

    /**
     * Writes data objects WORM with S3 Object Lock (default: off). The bucket must have Object Lock enabled.
     *
     * @param lock the mode, and how long to retain records without a deadline
     * @return this builder
     */
    public Builder objectLock(ObjectLock lock) {
      this.objectLock = Objects.requireNonNull(lock, "S3AuditStore objectLock");
      return this;
    }

    /**
     * Whether data objects carry the tag {@code cdc-audit-retention} ({@code expiring}, {@code held} or
     * {@code kept}) that lifecycle rules select on (default: true). Turn it off only for an S3-compatible store
     * without object tags, and then purge with {@link S3AuditStore#purgeExpired(Instant)}.
     *
     * @param tag whether to tag
     * @return this builder
     */
    public Builder tagObjects(boolean tag) {
      this.tagObjects = tag;
      return this;
    }

    /**
     * After how many appends of this instance it folds the batch indexes into the index buckets (default 50; 0:
     * never, for deployments that call {@link S3AuditStore#compactIndex()} on a schedule). Queries through the index
     * read every batch index not yet folded.
     *
     * @param appendCount 0 to 100,000
     * @return this builder
     */
    public Builder compactEvery(int appendCount) {
      if (appendCount < 0 || appendCount > 100_000) {
        throw new IllegalArgumentException("S3AuditStore compactEvery must be 0 (never) to 100000 appends, got "
            + appendCount);
      }
      this.compactEvery = appendCount;
      return this;
    }

    /**
     * How many index objects (which never change once written) the store keeps in memory (default 256).
     *
     * @param objects 0 to 100,000
     * @return this builder
     */
    public Builder indexCacheObjects(int objects) {
      if (objects < 0 || objects > 100_000) {
        throw new IllegalArgumentException("S3AuditStore indexCacheObjects must be 0 to 100000, got " + objects);
      }
      this.indexCacheObjects = objects;
      return this;
    }

    /**
     * The largest record, as JSON, the store takes (default 16 MiB); a larger one is rejected, and the pipeline
     * dead-letters it.
     *
     * @param bytes 1 KiB to 1 GiB
     * @return this builder
     */
    public Builder maxRecordBytes(int bytes) {
      if (bytes < 1024 || bytes > 1024 * 1024 * 1024) {
        throw new IllegalArgumentException("S3AuditStore maxRecordBytes must be 1024 to 1073741824, got " + bytes);
      }
      this.maxRecordBytes = bytes;
      return this;
    }

    /**
     * The clock for Object Lock retention of records without a deadline (default: the system's, UTC).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "S3AuditStore clock");
      return this;
    }

    /**
     * The store.
     *
     * @return the store
     * @throws IllegalStateException when no bucket was set
     */
    public S3AuditStore build() {
      if (bucket == null) {
        throw new IllegalStateException("S3AuditStore bucket is not set: call bucket(\"...\")");
      }
      return new S3AuditStore(this);
    }
  }
}
