package io.cdcaudit.cassandra.bench;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cdcaudit.cassandra.CassandraAuditStore;
import io.cdcaudit.cassandra.TimeBucket;
import io.cdcaudit.cassandra.internal.AsyncWindow;
import io.cdcaudit.cassandra.internal.Binds;
import io.cdcaudit.cassandra.internal.Purger;
import io.cdcaudit.cassandra.internal.RecordRow;
import io.cdcaudit.cassandra.internal.Schema;
import io.cdcaudit.cassandra.internal.Statements;
import io.cdcaudit.cassandra.internal.TtlPolicy;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.testservers.CassandraServer;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Benchmark harness (not a test): how fast {@link CassandraAuditStore#append} stores records, compared with raw
 * prepared async inserts of the same rows, into the same tables, through the same statements and the same in-flight
 * window, in batches of the same size, each waited for (a pipeline acknowledges a batch only once it is durable).
 *
 * <ul>
 *   <li><b>store</b>: {@code append(batch)}: the "already stored?" read per record, then the query tables and indexes,
 *       then {@code records_by_id};</li>
 *   <li><b>raw</b>: every one of those inserts in one go, no read, no ordering;</li>
 *   <li><b>raw+check</b>: raw preceded by the same existence reads, to show what the first-version-wins check costs;</li>
 *   <li><b>raw+lwt</b>: raw with the {@code records_by_id} insert made a lightweight transaction ({@code IF NOT
 *       EXISTS}, serial consistency {@code LOCAL_SERIAL}): the alternative way to let the first version win.</li>
 * </ul>
 * After a warm-up round, the modes alternate (their order rotates) for {@code bench.rounds} rounds; every run writes
 * fresh records into truncated tables. Prints events per second of each run, the medians and the ratio.
 *
 * <p>Run: {@code mvn -B -pl audit-store-cassandra test-compile exec:exec@bench} (see the module README). Settings
 * (system properties): {@code bench.records} (50000), {@code bench.rounds} (3), {@code bench.batch} (500),
 * {@code bench.window} (64), {@code bench.contactPoint} ({@code host:port} of an existing node; by default a node of
 * its own is started, with the optimizing JIT compiler), {@code bench.datacenter} ({@code datacenter1}).
 */
public final class CassandraAppendBenchmark {

  private static final String KEYSPACE = "cdc_audit_bench";
  private static final TableRef[] TABLES = new TableRef[20];
  private static final String[] ACTORS = new String[50];

  static {
    for (int i = 0; i < TABLES.length; i++) {
      TABLES[i] = TableRef.of("shop", "table_" + i);
    }
    for (int i = 0; i < ACTORS.length; i++) {
      ACTORS[i] = "user-" + i + "@example.com";
    }
  }

  private final CqlSession session;
  private final CassandraAuditStore store;
  private final Statements statements;
  private final PreparedStatement insertRecordIfNotExists;
  private final TtlPolicy ttlPolicy = new TtlPolicy(Duration.ofDays(1), TtlPolicy.LEGACY_LATEST_EXPIRY);
  private final int batchSize;
  private final Semaphore permits;
  private long sequence;

  private CassandraAppendBenchmark(CqlSession session, int batchSize, int window) {
    this.session = session;
    this.batchSize = batchSize;
    this.permits = new Semaphore(window);
    this.store = CassandraAuditStore.builder(session).keyspace(KEYSPACE).maxConcurrentWrites(window).build();
    store.ensureSchema();
    this.statements = Statements.prepare(session, new Schema(KEYSPACE, ""));
    this.insertRecordIfNotExists = session.prepare("INSERT INTO \"" + KEYSPACE + "\".records_by_id"
        + " (id, record, sort_key, expires_at, legal_hold) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS USING TTL ?");
  }

  public static void main(String[] args) {
    int records = Integer.getInteger("bench.records", 50_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    int batch = Integer.getInteger("bench.batch", 500);
    int window = Integer.getInteger("bench.window", 64);
    String contactPoint = System.getProperty("bench.contactPoint", "");
    String datacenter = System.getProperty("bench.datacenter", CassandraServer.DATACENTER);

    CassandraServer server = null;
    InetSocketAddress address;
    String where;
    if (contactPoint.isBlank()) {
      long started = System.nanoTime();
      // the test node runs C1 only for a quick start; a benchmark wants the optimizing compiler
      server = CassandraServer.start(Map.of(), List.of("-XX:TieredStopAtLevel=4"));
      address = server.contactPoint();
      where = String.format(Locale.ROOT, "own single node %s (-Xmx512m, started in %.1f s)", address,
          (System.nanoTime() - started) / 1e9);
    } else {
      String[] hostPort = contactPoint.split(":");
      address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
      where = "node " + address;
    }
    try (CqlSession session = CqlSession.builder().addContactPoint(address).withLocalDatacenter(datacenter)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1))
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .build())
        .build()) {
      String release = session.execute("SELECT release_version FROM system.local").one().getString(0);
      System.out.printf(Locale.ROOT, "Cassandra %s, %s; %d records per run, batches of %d, window %d, "
          + "consistency LOCAL_QUORUM, %d warm-up + %d rounds%n", release, where, records, batch, window, 1,
          rounds);
      new CassandraAppendBenchmark(session, batch, window).run(records, rounds);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private enum Mode { STORE, RAW, RAW_CHECK, RAW_LWT }

  private void run(int records, int rounds) {
    Map<Mode, List<Double>> rates = new LinkedHashMap<>();
    for (Mode mode : Mode.values()) {
      rates.put(mode, new ArrayList<>());
    }
    List<AuditRecord> sample = generate(1_000);
    double jsonBytes = sample.stream().mapToInt(r -> AuditRecordJson.toBytes(r).length).average().orElse(0);
    System.out.printf(Locale.ROOT, "records: %.0f bytes of JSON each on average, %d rows each%n", jsonBytes, 7);
    List<Mode> order = new ArrayList<>(List.of(Mode.values()));
    for (int round = 0; round <= rounds; round++) {
      StringBuilder line = new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
      for (Mode mode : order) {
        truncate();
        List<AuditRecord> data = generate(records);
        long started = System.nanoTime();
        write(mode, data);
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = records / seconds;
        long stored = store.count();
        if (stored != records) {
          throw new IllegalStateException(mode + " stored " + stored + " of " + records + " records");
        }
        if (round > 0) {
          rates.get(mode).add(rate);
        }
        line.append(String.format(Locale.ROOT, "  %-9s %,8.0f events/s (%.1f s)", label(mode), rate, seconds));
      }
      System.out.println(line);
      Collections.rotate(order, 1);
    }
    double store = median(rates.get(Mode.STORE));
    double raw = median(rates.get(Mode.RAW));
    double rawCheck = median(rates.get(Mode.RAW_CHECK));
    double rawLwt = median(rates.get(Mode.RAW_LWT));
    System.out.printf(Locale.ROOT, "median: store %,.0f events/s, raw %,.0f events/s, raw+check %,.0f events/s,"
        + " raw+lwt %,.0f events/s%n", store, raw, rawCheck, rawLwt);
    System.out.printf(Locale.ROOT, "store/raw = %.2f; raw+check/raw = %.2f (the existence check); "
        + "store/raw+check = %.2f (the two-phase write); raw+lwt/raw = %.2f (first version wins by LWT)%n",
        store / raw, rawCheck / raw, store / rawCheck, rawLwt / raw);
  }

  private static String label(Mode mode) {
    return switch (mode) {
      case STORE -> "store";
      case RAW -> "raw";
      case RAW_CHECK -> "raw+check";
      case RAW_LWT -> "raw+lwt";
    };
  }

  private void write(Mode mode, List<AuditRecord> data) {
    for (int from = 0; from < data.size(); from += batchSize) {
      List<AuditRecord> batch = data.subList(from, Math.min(data.size(), from + batchSize));
      switch (mode) {
        case STORE -> store.append(batch);
        case RAW -> raw(batch, false, false);
        case RAW_CHECK -> raw(batch, true, false);
        case RAW_LWT -> raw(batch, false, true);
      }
    }
  }

  /** The same rows the store writes, as plain prepared async inserts in one window. */
  private void raw(List<AuditRecord> batch, boolean check, boolean lwt) {
    Statements st = statements;
    if (check) {
      Set<String> found = ConcurrentHashMap.newKeySet();
      AsyncWindow reads = new AsyncWindow(session, permits);
      for (AuditRecord r : batch) {
        reads.submit(quorum(Binds.bind(st.selectExists, r.id().value())), rs -> {
          if (rs.one() != null) {
            found.add(r.id().value());
          }
        });
      }
      await(reads);
    }
    Instant now = Instant.now();
    AsyncWindow writes = new AsyncWindow(session, permits);
    Set<List<Object>> indexRows = new LinkedHashSet<>();
    for (AuditRecord record : batch) {
      RecordRow r = new RecordRow(record, TimeBucket.DAY, ttlPolicy, now);
      if (r.rowKey != null) {
        writes.submit(quorum(Binds.bind(st.insertHistory, r.database, r.table, r.rowKey, r.sortKey, r.json, r.ttl)));
      }
      writes.submit(quorum(Binds.bind(st.insertByTable, r.database, r.table, r.bucket, r.sortKey, r.json, r.ttl)));
      if (r.actor != null) {
        writes.submit(quorum(Binds.bind(st.insertByActor, r.actor, r.bucket, r.sortKey, r.json, r.ttl)));
        indexRows.add(List.of("actor", r.actor, r.bucket, r.keepUntil, r.indexTtl));
      }
      if (r.txId != null) {
        writes.submit(quorum(Binds.bind(st.insertByTx, r.txId, r.sortKey, r.json, r.ttl)));
      }
      if (r.expiresAtMicros != null) {
        writes.submit(quorum(Binds.bind(st.insertExpiry, r.expiryDay, r.expiresAtMicros, r.id, r.database,
            r.table, r.rowKey, r.bucket, r.actor, r.txId, r.sortKey, r.ttl)));
        indexRows.add(List.of("day", r.expiryDay));
      }
      indexRows.add(List.of("table", r.database, r.table, r.bucket, r.keepUntil, r.indexTtl));
      BoundStatement insert = quorum(Binds.bind(lwt ? insertRecordIfNotExists : st.insertRecord, r.id, r.json,
          r.sortKey, record.retention().expiresAt(), record.retention().legalHold(), r.ttl));
      writes.submit(lwt ? insert.setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL) : insert);
    }
    for (List<Object> k : indexRows) {
      BoundStatement s = switch ((String) k.get(0)) {
        case "actor" -> Binds.bind(st.insertActorBucket, k.get(1), k.get(2), k.get(3), k.get(4));
        case "day" -> Binds.bind(st.insertExpiryDay, Purger.SCOPE, k.get(1));
        default -> Binds.bind(st.insertTableBucket, k.get(1), k.get(2), k.get(3), k.get(4), k.get(5));
      };
      writes.submit(quorum(s));
    }
    await(writes);
  }

  private static BoundStatement quorum(BoundStatement s) {
    return s.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setIdempotent(true);
  }

  private static void await(AsyncWindow window) {
    try {
      window.awaitAll();
    } catch (Throwable e) {
      throw new IllegalStateException("raw writes failed", e);
    }
  }

  private void truncate() {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (String table : store.tableNames()) {
      all.add(session.executeAsync(SimpleStatement.newInstance("TRUNCATE \"" + KEYSPACE + "\".\"" + table + "\"")
          .setTimeout(Duration.ofSeconds(120))).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  /**
   * Realistic records: updates of 20 tables with a thousand rows each, 8 columns (one decimal, one JSON), actors
   * from a statement comment, transactions of 5 rows, binlog positions, kept for 7 years (TTL), committed over two
   * days. Fresh ids on every call.
   */
  private List<AuditRecord> generate(int n) {
    Instant t0 = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant deadline = Instant.now().plus(7 * 365, ChronoUnit.DAYS);
    List<AuditRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long seq = ++sequence;
      TableRef table = TABLES[(int) (seq % TABLES.length)];
      long rowId = (seq * 7919) % 1_000;
      Row before = row(rowId, "pending", seq);
      Row after = row(rowId, "shipped", seq + 1);
      Instant committed = t0.plus(seq * 3_456_789L % (2 * 86_400_000_000L), ChronoUnit.MICROS);
      ChangeEvent event = ChangeEvent.builder()
          .id(EventId.derive("bench", Long.toString(seq)))
          .producer("maxwell")
          .table(table)
          .operation(Operation.UPDATE)
          .committedAt(committed)
          .transaction(new TransactionRef(Long.toString(seq / 5), seq % 5, seq % 5 == 4))
          .position(new SourcePosition(1L, "mysql-bin.000042", 4 + seq * 317, 0, null))
          .primaryKey(PrimaryKey.of("id", rowId))
          .before(before)
          .after(after)
          .statement("UPDATE " + table.table() + " SET status = 'shipped' WHERE id = " + rowId
              + " /* actor='" + ACTORS[(int) (seq % ACTORS.length)] + "' */")
          .build();
      out.add(new AuditRecord(event, RowDiff.of(event),
          new Actor(ACTORS[(int) (seq % ACTORS.length)], Actor.Source.SQL_COMMENT, Map.of("request", "r-" + seq)),
          committed.plusMillis(40), Retention.until(deadline)));
    }
    return out;
  }

  private static Row row(long id, String status, long version) {
    return Row.builder()
        .put("id", id)
        .put("customer_id", 10_000 + id % 977)
        .put("status", status)
        .put("total", Value.of(new BigDecimal("129.90").add(BigDecimal.valueOf(id % 100))))
        .put("currency", "EUR")
        .put("items", Value.ofJson("{\"sku\":\"A-" + id + "\",\"qty\":" + (1 + id % 4) + "}"))
        .put("updated_at", "2026-11-20 10:15:" + (10 + version % 50))
        .put("version", version)
        .build();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
