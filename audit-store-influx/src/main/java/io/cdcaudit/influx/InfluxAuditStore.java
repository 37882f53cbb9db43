package io.cdcaudit.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.write.Point;
import io.cdcaudit.event.EventId;
import io.cdcaudit.influx.internal.IdIndex;
import io.cdcaudit.influx.internal.InfluxHttp;
import io.cdcaudit.influx.internal.InfluxQl;
import io.cdcaudit.influx.internal.PointLayout;
import io.cdcaudit.influx.internal.Purger;
import io.cdcaudit.influx.internal.QueryResult;
import io.cdcaudit.influx.internal.RetentionRouter;
import io.cdcaudit.influx.internal.Schema;
import io.cdcaudit.influx.internal.SlotAllocator;
import io.cdcaudit.influx.internal.TimeScan;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.MessageCoordinates;
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
import io.cdcaudit.store.support.Pages;
import io.cdcaudit.store.support.SortKeyRange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * An {@link AuditStore}, {@link AuditQueries} and {@link RetentionStore} on InfluxDB: the audit trail as time series,
 * next to the metrics a team already watches in Grafana.
 *
 * <pre>{@code
 * InfluxDBClient client = InfluxDBClientFactory.create(...);          // the application's client
 * InfluxAuditStore store = InfluxAuditStore.builder(client)
 *     .database("audit")
 *     .expiringPolicy("audit_90d", Duration.ofDays(90))                 // one per distinct retention period
 *     .build();
 * store.ensureSchema();                                                 // 1.x: CREATE DATABASE / RETENTION POLICY
 * }</pre>
 *
 * <p><b>Points.</b> One measurement ({@code audit_changes}), one point per change at its commit time. Tags, all of
 * bounded cardinality: {@code database}, {@code table}, {@code operation}, {@code actor_kind}, {@code actor} (the
 * actor's name, when known and {@link Builder#actorTags(boolean) tagged}) and {@code lane} (the source partition the
 * change came through). Everything that grows with rows is a field: {@code event_id}, {@code record} (the whole
 * record as audit-record JSON, which queries return), {@code sort_key}, {@code commit_us}, {@code row_key},
 * {@code previous_row_key}, {@code tx_id}, {@code actor_name}, {@code expires_us}, {@code held}, {@code changed} (the
 * changed columns) and {@code diff}. Series: databases x tables x operations x actor kinds x tagged actors x lanes,
 * never rows.
 *
 * <p><b>Exactly once.</b> InfluxDB overwrites a point with the same series and time, so the store makes a replay land
 * on the point it wrote before and two changes never on one point. Every id has a fixed slot in an index measurement
 * ({@code audit_changes_ids}: a series chosen by its hash, at a time taken from its hash; see the module README) that
 * names its change point; an append first reads its ids' slots and leaves the ids found there alone (the first stored
 * version wins), then gives each new record the first nanosecond at or after its commit microsecond that no point of
 * its lane holds, writes the change points, and the index points last. A lane is written by one writer at a time
 * (Kafka, Kinesis and SQS FIFO deliver a partition to one consumer), so records sharing a commit microsecond get
 * consecutive nanoseconds and never overwrite each other. Records of an unordered source (an SQS standard queue) need
 * a {@link Builder#writerLane(String) writer lane} of their own per consumer process.
 *
 * <p><b>Retention.</b> InfluxDB expires whole retention policies, not points: each record goes to the shortest
 * {@link Builder#expiringPolicy(String, Duration) expiring policy} that keeps it at least until its deadline, or to
 * the {@link Builder#keepingPolicy(String) keeping policy} (no expiry) when held, without a deadline, or when none
 * fits. {@link #purgeExpired} deletes what has expired and the server has not dropped yet; never a held record.
 *
 * <p><b>Queries.</b> InfluxQL over every policy, in time order, re-ordered by sort key: a row's history is a field
 * filter within the table's series, by table a tag filter, by actor a tag filter (a field filter when actor names are
 * not tagged), by transaction a field filter over every series; each reads the query's time range (all times when it
 * has none). See the module README for what each scans.
 *
 * <p>Thread-safe. The store does not own the client: closing it is the application's business.
 */
public final class InfluxAuditStore implements AuditStore, AuditQueries, RetentionStore {

  private static final Set<AuditQuery.Kind> ALL_QUERIES = Collections.unmodifiableSet(
      EnumSet.allOf(AuditQuery.Kind.class));
  private static final int STATEMENTS_PER_REQUEST = 200;
  private static final String LOCAL_LANE = "local";

  private final InfluxHttp http;
  private final String database;
  private final PointLayout layout;
  private final IdIndex index;
  private final RetentionRouter router;
  private final Schema schema;
  private final SlotAllocator slots;
  private final TimeScan scan;
  private final Purger purger;
  private final String writerLane;
  private final int maxRecordBytes;
  private final Clock clock;
  private final WriteProtocol protocol;
  private final Map<String, ReentrantLock> laneLocks = new ConcurrentHashMap<>();
  private volatile boolean checked;

  private InfluxAuditStore(Builder b) {
    this.database = b.database;
    this.protocol = b.protocol;
    this.http = new InfluxHttp(b.client, b.database, b.protocol == WriteProtocol.V2, b.organization);
    this.layout = new PointLayout(b.measurement, b.actorTags);
    this.router = new RetentionRouter(b.keepingPolicy, b.expiring);
    this.index = new IdIndex(b.database, b.keepingPolicy, b.measurement + "_ids");
    this.schema = new Schema(b.database, router);
    this.slots = new SlotAllocator(http, b.database, b.measurement, router.all());
    this.scan = new TimeScan(http, b.database, b.measurement, router.all());
    this.purger = new Purger(http, b.database, b.measurement, router.all(), index);
    this.writerLane = b.writerLane;
    this.maxRecordBytes = b.maxRecordBytes;
    this.clock = b.clock;
  }

  /**
   * A builder for a store that talks through {@code client}.
   *
   * @param client the application's client (URL, credentials, TLS and timeouts are its business)
   * @return a builder with the defaults below
   */
  public static Builder builder(InfluxDBClient client) {
    return new Builder(client);
  }

  // ------------------------------------------------------------------------------------------------- schema

  /**
   * The InfluxQL that creates the database and the retention policies this store writes to, for operators who create
   * schemas by hand (InfluxDB 2.x: create the buckets {@code <database>/<policy>} instead).
   *
   * @return the statements, in order
   */
  public List<String> schemaStatements() {
    return schema.statements();
  }

  /**
   * Creates the database and the retention policies (idempotent where they exist with the same settings), then
   * checks them.
   *
   * @throws StoreException when InfluxDB refuses, or a policy exists with a shorter duration
   */
  public void ensureSchema() {
    http.query(schema.statements());
    schema.check(http);
    checked = true;
  }

  // ------------------------------------------------------------------------------------------------- append

  @Override
  public AppendResult append(List<AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return AppendResult.allStored();
    }
    checkSchema();
    Instant now = clock.instant();
    List<AppendResult.Rejection> rejected = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    for (AuditRecord record : Batches.distinctById(records)) {
      String problem = null;
      String lane = laneOf(record);
      String json = null;
      Instant commit = record.event().committedAt();
      if (lane == null) {
        throw StoreException.unusable("record " + record.id() + " comes from the unordered source partition "
            + record.event().origin().orElseThrow().partition() + ", whose messages any consumer process may write at "
            + "once: give each consumer process a lane of its own with InfluxAuditStore.writerLane", null);
      }
      if (commit.isBefore(Instant.EPOCH)) {
        problem = "its commit time " + commit + " is before 1970, which no binlog has";
      } else {
        json = AuditRecordJson.toText(record);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxRecordBytes) {
          problem = "the record is " + bytes + " bytes of JSON, more than InfluxAuditStore.maxRecordBytes ("
              + maxRecordBytes + ")";
        }
      }
      if (problem != null) {
        rejected.add(new AppendResult.Rejection(record.id(), problem));
      } else {
        pending.add(new Pending(record, json, lane));
      }
    }
    if (pending.isEmpty()) {
      return AppendResult.rejecting(rejected);
    }
    List<ReentrantLock> locks = lockLanes(pending);
    try {
      store(pending, now, rejected);
    } finally {
      locks.forEach(ReentrantLock::unlock);
    }
    return AppendResult.rejecting(rejected);
  }

  private record Pending(AuditRecord record, String json, String lane) {
  }

  private void store(List<Pending> pending, Instant now, List<AppendResult.Rejection> rejected) {
    // 1. Which ids are indexed already: those are stored, and the first stored version wins.
    List<Pending> fresh = new ArrayList<>();
    Map<String, Long> indexTimes = new LinkedHashMap<>();
    Set<Long> claimed = new HashSet<>();
    for (List<Pending> chunk : Batches.chunks(pending, STATEMENTS_PER_REQUEST)) {
      List<QueryResult> found = http.query(chunk.stream().map(p -> index.lookup(p.record().id())).toList());
      for (int i = 0; i < chunk.size(); i++) {
        Pending p = chunk.get(i);
        IdIndex.Found f = index.read(p.record().id(), found.get(i));
        if (f.indexed()) {
          continue;
        }
        // Ids of one batch on one slot (58 bits of hash) take the next free one, never the same.
        Long free = f.freeTimes().stream().filter(t -> !claimed.contains(t)).findFirst().orElse(null);
        if (free == null) {
          rejected.add(new AppendResult.Rejection(p.record().id(), "all " + IdIndex.PROBES + " index slots of its "
              + "id hold other ids"));
          continue;
        }
        claimed.add(free);
        indexTimes.put(p.record().id().value(), free);
        fresh.add(p);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }

    // 2. A time of its own in its lane for each new record, in sort-key order (the same on every writer).
    Map<String, Set<Long>> commits = new TreeMap<>();
    for (Pending p : fresh) {
      commits.computeIfAbsent(p.lane(), l -> new TreeSet<>()).add(PointLayout.micros(p.record().event().committedAt()));
    }
    Map<String, SlotAllocator.Lane> lanes = slots.read(commits);
    fresh.sort(Comparator.comparing(p -> p.record().sortKey()));
    Map<String, List<Point>> byPolicy = new TreeMap<>();
    List<Point> indexPoints = new ArrayList<>();
    for (Pending p : fresh) {
      SlotAllocator.Lane lane = lanes.get(p.lane());
      String id = p.record().id().value();
      SlotAllocator.Stored stored = lane.stored(id);
      String policy;
      long time;
      if (stored != null) {
        // Written by an attempt that failed before its index write: the same point again.
        policy = stored.retentionPolicy();
        time = stored.time();
      } else {
        time = lane.take(PointLayout.micros(p.record().event().committedAt()));
        if (time < 0) {
          rejected.add(new AppendResult.Rejection(p.record().id(), "lane " + p.lane() + " holds "
              + SlotAllocator.SPILL + " points of its commit microsecond already"));
          continue;
        }
        policy = router.policyFor(p.record(), now);
      }
      byPolicy.computeIfAbsent(policy, k -> new ArrayList<>()).add(layout.point(p.record(), p.json(), p.lane(), time));
      indexPoints.add(index.point(new IdIndex.Entry(id, indexTimes.get(id), policy, p.lane(), time)));
    }

    // 3. The change points, then the index last: an id counts as stored only once its point is.
    byPolicy.forEach(http::write);
    http.write(router.keeping(), indexPoints);
  }

  private String laneOf(AuditRecord record) {
    Optional<MessageCoordinates> origin = record.event().origin();
    if (origin.isPresent() && origin.get().partition().ordered()) {
      return origin.get().partition().toString();
    }
    if (writerLane != null) {
      return writerLane;
    }
    return origin.isPresent() ? null : LOCAL_LANE;
  }

  private List<ReentrantLock> lockLanes(List<Pending> pending) {
    List<ReentrantLock> locks = new ArrayList<>();
    for (String lane : new TreeSet<>(pending.stream().map(Pending::lane).toList())) {
      ReentrantLock lock = laneLocks.computeIfAbsent(lane, l -> new ReentrantLock());
      lock.lock();
      locks.add(lock);
    }
    return locks;
  }

  // ------------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<AuditRecord> find(EventId id) {
    Objects.requireNonNull(id, "id");
    checkSchema();
    IdIndex.Found found = index.read(id, http.query(index.lookup(id)));
    if (!found.indexed()) {
      return Optional.empty();
    }
    IdIndex.Entry entry = found.entry();
    QueryResult point = http.query("SELECT " + InfluxQl.ident(PointLayout.EVENT_ID) + ", "
        + InfluxQl.ident(PointLayout.RECORD) + " FROM " + InfluxQl.from(database, entry.retentionPolicy(),
        layout.measurement()) + " WHERE " + InfluxQl.eq(PointLayout.LANE, entry.lane()) + " AND time = "
        + entry.time());
    for (Map<String, JsonNode> row : point.rows()) {
      if (id.value().equals(QueryResult.text(row, PointLayout.EVENT_ID))) {
        return Optional.of(decode(QueryResult.text(row, PointLayout.RECORD), id.value()));
      }
    }
    // Indexed, but its policy dropped the point: the record expired.
    return Optional.empty();
  }

  /**
   * How many records the store holds: counts the points of every policy. A scan, meant for verification and tests.
   *
   * @return the number of stored records
   * @throws StoreException when InfluxDB cannot be read
   */
  public long count() {
    checkSchema();
    List<String> counts = router.all().stream().map(policy -> "SELECT COUNT(" + InfluxQl.ident(PointLayout.EVENT_ID)
        + ") FROM " + InfluxQl.from(database, policy, layout.measurement())).toList();
    long total = 0;
    for (QueryResult result : http.query(counts)) {
      for (Map<String, JsonNode> row : result.rows()) {
        total += QueryResult.integer(row, "count");
      }
    }
    return total;
  }

  /**
   * How many series the changes measurement has: what InfluxDB's memory and index grow with. Bounded by databases x
   * tables x operations x actor kinds x tagged actor names x lanes, never by rows.
   *
   * @return the exact number of series
   */
  public long seriesCount() {
    checkSchema();
    return http.query("SHOW SERIES FROM " + InfluxQl.ident(layout.measurement())).rows().size();
  }

  @Override
  public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    UnsupportedQueryException.requireSupported(this, query);
    checkSchema();
    String condition = query.accept(new AuditQuery.Visitor<>() {
      @Override
      public String rowHistory(AuditQuery.RowHistory q) {
        String key = InfluxQl.literal(q.key().canonical());
        return InfluxQl.eq(PointLayout.DATABASE, q.table().database()) + " AND "
            + InfluxQl.eq(PointLayout.TABLE, q.table().table()) + " AND (" + InfluxQl.ident(PointLayout.ROW_KEY)
            + " = " + key + " OR " + InfluxQl.ident(PointLayout.PREVIOUS_ROW_KEY) + " = " + key + ")";
      }

      @Override
      public String byActor(AuditQuery.ByActor q) {
        return InfluxQl.eq(layout.actorTags() ? PointLayout.ACTOR : PointLayout.ACTOR_NAME, q.actor());
      }

      @Override
      public String byTable(AuditQuery.ByTable q) {
        return InfluxQl.eq(PointLayout.DATABASE, q.table().database()) + " AND "
            + InfluxQl.eq(PointLayout.TABLE, q.table().table());
      }

      @Override
      public String byTransaction(AuditQuery.ByTransaction q) {
        return InfluxQl.eq(PointLayout.TX_ID, q.transactionId());
      }
    });
    List<TimeScan.Hit> hits = scan.page(condition, SortKeyRange.of(query.range(), page), page.order(),
        Pages.fetchSize(page));
    return Pages.of(hits, page, TimeScan.Hit::sortKey, hit -> decode(hit.json(), hit.sortKey()));
  }

  /** {@inheritDoc} Every kind; see the class comment for what each reads. */
  @Override
  public Set<AuditQuery.Kind> supportedQueries() {
    return ALL_QUERIES;
  }

  // ------------------------------------------------------------------------------------------------- retention

  /**
   * Removes every record whose deadline is at or before {@code now} (never one under legal hold or without a
   * deadline) that InfluxDB has not dropped with its policy's shard group yet. Reads every policy's points whose
   * deadline passed (a field filter: a scan of each policy), deletes each by lane and time, then its index entry.
   */
  @Override
  public long purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    checkSchema();
    return purger.purge(PointLayout.micros(now));
  }

  /**
   * The database this store writes to.
   *
   * @return its name
   */
  public String database() {
    return database;
  }

  /**
   * The changes measurement.
   *
   * @return its name
   */
  public String measurement() {
    return layout.measurement();
  }

  /**
   * Every retention policy the store writes to: the keeping one first, then the expiring ones, shortest first.
   *
   * @return the names
   */
  public List<String> retentionPolicies() {
    return router.all();
  }

  @Override
  public String toString() {
    return "InfluxAuditStore[database=" + database + ", measurement=" + layout.measurement() + ", policies="
        + router.all() + ", writes=" + protocol + "]";
  }

  private void checkSchema() {
    if (!checked) {
      schema.check(http);
      checked = true;
    }
  }

  private static AuditRecord decode(String json, String where) {
    if (json == null) {
      throw new StoreException("a point of the InfluxDB store has no record field (at " + where + ")");
    }
    try {
      return PointLayout.record(json);
    } catch (RuntimeException e) {
      throw new StoreException("a point of the InfluxDB store holds a record that cannot be read (at " + where
          + "): " + e.getMessage(), e);
    }
  }

  /** Settings of an {@link InfluxAuditStore}; {@link #build()} checks them all. */
  public static final class Builder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern LANE = Pattern.compile("[^\\n]{1,256}");

    private final InfluxDBClient client;
    private String database = "cdc_audit";
    private String measurement = "audit_changes";
    private String keepingPolicy = "autogen";
    private final List<RetentionRouter.Expiring> expiring = new ArrayList<>();
    private WriteProtocol protocol = WriteProtocol.V1;
    private String organization;
    private boolean actorTags = true;
    private String writerLane;
    private int maxRecordBytes = 16 * 1024 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder(InfluxDBClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The database (1.x; on 2.x the first part of each bucket's name). Default {@code cdc_audit}.
     *
     * @param database letters, digits, {@code _ . -}, at most 128
     * @return this builder
     */
    public Builder database(String database) {
      this.database = database;
      return this;
    }

    /**
     * The changes measurement; the id index is {@code <measurement>_ids}. Default {@code audit_changes}.
     *
     * @param measurement letters, digits, {@code _ . -}, at most 128
     * @return this builder
     */
    public Builder measurement(String measurement) {
      this.measurement = measurement;
      return this;
    }

    /**
     * The retention policy without expiry for records under legal hold, records without a deadline, records no
     * expiring policy fits, and the id index. Default {@code autogen} (every 1.x database has it).
     *
     * @param policy the policy's name
     * @return this builder
     */
    public Builder keepingPolicy(String policy) {
      this.keepingPolicy = policy;
      return this;
    }

    /**
     * An expiring retention policy records may go to: one per distinct retention period of the
     * {@link io.cdcaudit.policy.RetentionPolicy} (a record goes to the shortest that keeps it until its deadline).
     * None by default: every record goes to the keeping policy and {@link #purgeExpired} removes it.
     *
     * @param policy the policy's name
     * @param duration how long it keeps points: at least an hour (InfluxDB's minimum), whole seconds
     * @return this builder
     */
    public Builder expiringPolicy(String policy, Duration duration) {
      expiring.add(new RetentionRouter.Expiring(policy, duration));
      return this;
    }

    /**
     * Which endpoint points are written to. Default {@link WriteProtocol#V1}.
     *
     * @param protocol the protocol
     * @return this builder
     */
    public Builder writeProtocol(WriteProtocol protocol) {
      this.protocol = protocol;
      return this;
    }

    /**
     * The organization of {@link WriteProtocol#V2} writes (InfluxDB 1.8 ignores it: give {@code "-"}).
     *
     * @param organization the organization's name or id
     * @return this builder
     */
    public Builder organization(String organization) {
      this.organization = organization;
      return this;
    }

    /**
     * Whether a known actor's name is a tag (by-actor queries then read only that actor's series). Turn it off when
     * actor names are unbounded (end users of an application rather than database users and services); the name
     * stays a field and by-actor queries filter on it. Default {@code true}.
     *
     * @param tagged whether names are tagged
     * @return this builder
     */
    public Builder actorTags(boolean tagged) {
      this.actorTags = tagged;
      return this;
    }

    /**
     * This process's lane for records that come without an ordered source partition: an SQS standard queue (each
     * consumer process needs a lane of its own, stable across restarts, such as its pod's ordinal: two writers in one
     * lane could overwrite each other's points) and records appended without a source. Unset by default: an append of a record of an
     * unordered source then fails as unusable, naming this setting; records without a source go to lane {@code local}.
     *
     * @param lane one to 256 characters without a newline
     * @return this builder
     */
    public Builder writerLane(String lane) {
      this.writerLane = lane;
      return this;
    }

    /**
     * The largest record, in bytes of its JSON, the store takes; larger ones are rejected (dead-lettered). Default
     * 16 MiB; InfluxDB 1.x takes request bodies up to its {@code max-body-size} (25 MB by default), and the store
     * writes at most 8 MiB of points per request, a larger record alone.
     *
     * @param bytes between 1,024 and 20,000,000
     * @return this builder
     */
    public Builder maxRecordBytes(int bytes) {
      this.maxRecordBytes = bytes;
      return this;
    }

    /**
     * The clock retention routing reads. Default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Checks every setting and builds the store. Talks to no server: {@link #ensureSchema()} or the first append
     * checks the database and its policies.
     *
     * @return the store
     * @throws IllegalArgumentException naming the first wrong setting and its value
     */
    public InfluxAuditStore build() {
      requireName("database", database);
      requireName("measurement", measurement);
      requireName("keepingPolicy", keepingPolicy);
      Set<String> names = new HashSet<>(Set.of(keepingPolicy));
      Set<Duration> durations = new HashSet<>();
      for (RetentionRouter.Expiring e : expiring) {
        requireName("expiringPolicy", e.name());
        if (e.duration() == null || e.duration().compareTo(Duration.ofHours(1)) < 0 || e.duration().getNano() != 0) {
          throw new IllegalArgumentException("InfluxAuditStore.expiringPolicy(" + e.name() + "): the duration must "
              + "be whole seconds and at least an hour (InfluxDB's minimum), got " + e.duration());
        }
        if (!names.add(e.name())) {
          throw new IllegalArgumentException("InfluxAuditStore.expiringPolicy: the policy " + e.name()
              + " is named twice (or is the keeping policy)");
        }
        if (!durations.add(e.duration())) {
          throw new IllegalArgumentException("InfluxAuditStore.expiringPolicy(" + e.name() + "): another policy has "
              + "the same duration " + e.duration() + "; one policy per distinct period is enough");
        }
      }
      if (protocol == null) {
        throw new IllegalArgumentException("InfluxAuditStore.writeProtocol must be V1 or V2, got null");
      }
      if (protocol == WriteProtocol.V2 && (organization == null || organization.isBlank())) {
        throw new IllegalArgumentException("InfluxAuditStore.organization is required with WriteProtocol.V2 (InfluxDB "
            + "1.8 ignores it: give \"-\"), got " + (organization == null ? "none" : "'" + organization + "'"));
      }
      if (writerLane != null && !LANE.matcher(writerLane).matches()) {
        throw new IllegalArgumentException("InfluxAuditStore.writerLane must be 1 to 256 characters without a "
            + "newline, got '" + writerLane + "'");
      }
      if (maxRecordBytes < 1_024 || maxRecordBytes > 20_000_000) {
        throw new IllegalArgumentException("InfluxAuditStore.maxRecordBytes must be between 1,024 and 20,000,000 "
            + "(InfluxDB 1.x refuses request bodies above 25 MB by default), got " + maxRecordBytes);
      }
      if (clock == null) {
        throw new IllegalArgumentException("InfluxAuditStore.clock must not be null");
      }
      return new InfluxAuditStore(this);
    }

    private static void requireName(String setting, String value) {
      if (value == null || !NAME.matcher(value).matches()) {
        throw new IllegalArgumentException("InfluxAuditStore." + setting + " must be 1 to 128 letters, digits, "
            + "'_', '.' or '-' (not starting with '.' or '-'), got " + (value == null ? "null" : "'" + value + "'"));
      }
    }
  }
}
