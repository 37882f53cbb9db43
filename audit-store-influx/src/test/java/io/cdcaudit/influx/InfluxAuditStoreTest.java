package io.cdcaudit.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.tck.MutableClock;
import io.cdcaudit.tck.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the InfluxDB store does beyond the contract kit, against the real influxd 1.6.7. */
@DisplayName("The InfluxDB store")
class InfluxAuditStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:15:00.123456Z");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private final List<InfluxAuditStore> stores = new ArrayList<>();

  @AfterEach
  void dropDatabases() {
    stores.forEach(SharedInflux::drop);
  }

  private InfluxAuditStore store(UnaryOperator<InfluxAuditStore.Builder> settings) {
    InfluxAuditStore store = SharedInflux.emptyStore(settings);
    stores.add(store);
    return store;
  }

  private static AuditRecord change(String table, long row, Instant at, String actor, int partition) {
    return TestRecords.row(table, row).update(Row.builder().put("id", row).put("v", 0).build(),
            Row.builder().put("id", row).put("v", 1).build())
        .origin("maxwell", Integer.toString(partition), row)
        .actor(actor == null ? Actor.UNKNOWN : Actor.of(actor, Actor.Source.SQL_COMMENT))
        .at(at).build();
  }

  private static List<AuditRecord> all(InfluxAuditStore store, AuditQuery query) {
    List<AuditRecord> out = new ArrayList<>();
    PageRequest page = PageRequest.oldestFirst(500);
    while (true) {
      Page<AuditRecord> p = store.find(query, page);
      out.addAll(p.items());
      if (!p.hasNext()) {
        return out;
      }
      page = page.next(p.nextCursor());
    }
  }

  /** A time an hour ago, to the microsecond. */
  private static Instant recent() {
    return Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static List<JsonNode> rows(String influxQl, String database) {
    try {
      JsonNode root = JSON.readTree(SharedInflux.server().query(influxQl, database));
      List<JsonNode> rows = new ArrayList<>();
      for (JsonNode series : root.path("results").path(0).path("series")) {
        for (JsonNode values : series.path("values")) {
          rows.add(values);
        }
      }
      return rows;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Nested
  @DisplayName("exactly once, by series and time")
  class ExactlyOnce {

    @Test
    @DisplayName("never lets two changes of one table in one commit microsecond overwrite each other")
    void sameMicrosecond() throws Exception {
      InfluxAuditStore store = store(b -> b);
      // 3,000 changes of one table by one actor in one microsecond: 1,500 through one lane in three batches, and
      // 1,500 from three Kafka partitions appended at the same time from three threads.
      List<AuditRecord> local = new ArrayList<>();
      for (int i = 0; i < 1_500; i++) {
        local.add(TestRecords.row("shop.orders", i).insert(Row.builder().put("id", i).build()).actor("alice").at(T0)
            .build());
      }
      for (int from = 0; from < local.size(); from += 500) {
        assertThat(store.append(local.subList(from, from + 500)).rejected()).isEmpty();
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<?>> writers = new ArrayList<>();
      List<AuditRecord> partitioned = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        List<AuditRecord> lane = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          lane.add(change("shop.orders", 10_000 + p * 1_000 + i, T0, "alice", p));
        }
        partitioned.addAll(lane);
        writers.add(pool.submit(() -> {
          for (int from = 0; from < lane.size(); from += 100) {
            store.append(lane.subList(from, from + 100));
          }
        }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
      pool.shutdown();

      assertThat(store.count()).isEqualTo(3_000);
      List<AuditRecord> expected = new ArrayList<>(local);
      expected.addAll(partitioned);
      for (AuditRecord record : expected) {
        assertThat(store.find(record.id())).contains(record);
      }
      List<AuditRecord> listed = all(store, AuditQuery.byTable(local.get(0).event().table()));
      assertThat(listed).hasSize(3_000).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(listed).isSortedAccordingTo(java.util.Comparator.comparing(AuditRecord::sortKey));
    }

    @Test
    @DisplayName("writes a replay onto the points it wrote before and leaves them as they were")
    void replay() {
      InfluxAuditStore store = store(b -> b);
      List<AuditRecord> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(change("shop.orders", i, T0.plusMillis(i % 5), "bob", 0));
      }
      store.append(batch);
      List<JsonNode> before = rows("SELECT event_id, record FROM audit_changes", store.database());

      List<AuditRecord> redelivered = batch.stream().map(r -> new AuditRecord(r.event(), r.changes(), r.actor(),
          r.recordedAt().plusSeconds(30), r.retention())).toList();
      store.append(redelivered.subList(10, 50));
      store.append(redelivered);

      assertThat(store.count()).isEqualTo(50);
      assertThat(rows("SELECT event_id, record FROM audit_changes", store.database())).isEqualTo(before);
      batch.forEach(r -> assertThat(store.find(r.id())).contains(r));
    }

    @Test
    @DisplayName("after a write whose index write failed, writes the record onto the same point again")
    void indexLost() {
      InfluxAuditStore store = store(b -> b);
      List<AuditRecord> batch = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        batch.add(change("shop.orders", i, T0, "bob", 0));
      }
      store.append(batch);
      List<JsonNode> times = rows("SELECT event_id FROM audit_changes", store.database());
      // As if the attempt had died between the change points and the index points.
      SharedInflux.server().query("DROP MEASUREMENT audit_changes_ids", store.database());
      assertThat(store.find(batch.get(0).id())).isEmpty();

      store.append(batch);

      assertThat(store.count()).isEqualTo(20);
      assertThat(rows("SELECT event_id FROM audit_changes", store.database())).isEqualTo(times);
      batch.forEach(r -> assertThat(store.find(r.id())).contains(r));
    }
  }

  @Test
  @DisplayName("has series for tables x operations x actors x lanes, not for rows: 10,000 changes to 1,000 rows")
  void seriesCardinality() {
    InfluxAuditStore store = store(b -> b);
    List<AuditRecord> changes = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      changes.add(numbered(i));
    }
    for (int from = 0; from < changes.size(); from += 500) {
      store.append(changes.subList(from, from + 500));
    }
    Set<String> combinations = new HashSet<>();
    for (AuditRecord r : changes) {
      combinations.add(r.event().table() + "|" + r.event().operation() + "|" + r.actor().name() + "|"
          + r.event().origin().orElseThrow().partition());
    }

    assertThat(store.count()).isEqualTo(10_000);
    // 4 tables x 3 operations x 5 actors (one unknown) x 2 lanes = 120 at most; exactly those that occur.
    assertThat(store.seriesCount()).isEqualTo(combinations.size()).isLessThanOrEqualTo(4 * 3 * 5 * 2);

    List<AuditRecord> more = new ArrayList<>();
    for (int i = 30_000; i < 31_000; i++) {
      more.add(numbered(i));
    }
    store.append(more);
    assertThat(store.count()).isEqualTo(11_000);
    assertThat(store.seriesCount()).as("1,000 more changes of the same rows add no series")
        .isEqualTo(combinations.size());
  }

  /** Change {@code i} of 1,000 rows in 4 tables (2 lanes), by 5 actors (one unknown), inserts, updates, deletes. */
  private static AuditRecord numbered(int i) {
    String[] tables = {"shop.orders", "shop.customers", "shop.items", "billing.invoices"};
    String[] actors = {"alice", "bob", "carol", "svc-billing", null};
    int row = i % 1_000;
    String table = tables[row % tables.length];
    String actor = actors[(i / 7) % actors.length];
    TestRecords.RecordBuilder change = switch (i / 1_000 % 3) {
      case 0 -> TestRecords.row(table, row).insert(Row.builder().put("id", row).build());
      case 1 -> TestRecords.row(table, row).update(Row.builder().put("id", row).put("v", i - 1).build(),
          Row.builder().put("id", row).put("v", i).build());
      default -> TestRecords.row(table, row).delete(Row.builder().put("id", row).build());
    };
    return change.origin("maxwell", Integer.toString(row % 2), i)
        .actor(actor == null ? Actor.UNKNOWN : Actor.of(actor, Actor.Source.SQL_COMMENT))
        .at(T0.plusMillis(i)).build();
  }

  @Nested
  @DisplayName("retention")
  class Retention {

    @Test
    @DisplayName("sends each record to the shortest policy that keeps it until its deadline, held ones to the keeping one")
    void routing() {
      // InfluxDB refuses points older than a policy by its own clock, so these records are recent.
      Instant now = recent();
      MutableClock clock = MutableClock.at(now.plusSeconds(60));
      InfluxAuditStore store = store(b -> b.clock(clock).expiringPolicy("days_30", Duration.ofDays(30))
          .expiringPolicy("days_400", Duration.ofDays(400)));
      AuditRecord tenDays = TestRecords.row("shop.orders", 1).insert(Row.builder().put("id", 1).build()).at(now)
          .expiresAt(now.plus(Duration.ofDays(10))).build();
      AuditRecord oneYear = TestRecords.row("shop.orders", 2).insert(Row.builder().put("id", 2).build()).at(now)
          .expiresAt(now.plus(Duration.ofDays(365))).build();
      AuditRecord tenYears = TestRecords.row("shop.orders", 3).insert(Row.builder().put("id", 3).build()).at(now)
          .expiresAt(now.plus(Duration.ofDays(3650))).build();
      AuditRecord held = TestRecords.row("shop.orders", 4).insert(Row.builder().put("id", 4).build()).at(now)
          .legalHold().build();
      AuditRecord forever = TestRecords.row("shop.orders", 5).insert(Row.builder().put("id", 5).build()).at(now)
          .build();
      AuditRecord lateArrival = TestRecords.row("shop.orders", 6).insert(Row.builder().put("id", 6).build())
          .at(now.minus(Duration.ofDays(29).plusHours(23))).expiresAt(now.plus(Duration.ofDays(1))).build();
      Instant longAgo = now.minus(Duration.ofDays(399).plusHours(23).plusMinutes(30));
      AuditRecord veryLate = TestRecords.row("shop.orders", 7).insert(Row.builder().put("id", 7).build())
          .at(longAgo).expiresAt(longAgo.plus(Duration.ofDays(400))).build();

      store.append(List.of(tenDays, oneYear, tenYears, held, forever, lateArrival, veryLate));

      assertThat(idsIn(store, "days_30")).containsExactly(tenDays.id().value());
      // 30 days 23 hours from commit to deadline: days_400 is the shortest that keeps it that long.
      assertThat(idsIn(store, "days_400")).containsExactlyInAnyOrder(oneYear.id().value(), lateArrival.id().value());
      // A point whose only fitting policy would drop it within the hour waits in autogen for the purge instead.
      assertThat(idsIn(store, "autogen")).containsExactlyInAnyOrder(tenYears.id().value(), held.id().value(),
          forever.id().value(), veryLate.id().value());
      for (AuditRecord r : List.of(tenDays, oneYear, tenYears, held, forever, lateArrival, veryLate)) {
        assertThat(store.find(r.id())).contains(r);
      }
    }

    @Test
    @DisplayName("purges an expired record beside a held one of the same microsecond and lane, in another policy")
    void purgeByLaneAndTime() {
      Instant now = recent();
      MutableClock clock = MutableClock.at(now);
      InfluxAuditStore store = store(b -> b.clock(clock).expiringPolicy("days_30", Duration.ofDays(30)));
      AuditRecord expiring = change("hr.people", 1, now, "alice", 0);
      expiring = expiring.withRetention(io.cdcaudit.record.Retention.until(now.plus(Duration.ofDays(10))));
      AuditRecord held = change("hr.people", 2, now, "alice", 0).withRetention(
          io.cdcaudit.record.Retention.legalHoldInPlace());
      store.append(List.of(expiring, held));
      assertThat(idsIn(store, "days_30")).containsExactly(expiring.id().value());

      assertThat(store.purgeExpired(now.plus(Duration.ofDays(10)).minusNanos(1000))).isZero();
      assertThat(store.purgeExpired(now.plus(Duration.ofDays(10)))).isEqualTo(1);

      assertThat(store.find(expiring.id())).isEmpty();
      assertThat(store.find(held.id())).contains(held);
      assertThat(store.count()).isEqualTo(1);
      // The purged id is gone from the index too: a redelivery stores it again rather than pointing at nothing.
      assertThat(rows("SELECT event_id FROM audit_changes_ids", store.database())).hasSize(1);
    }

    @Test
    @DisplayName("refuses to write to a server policy that keeps points for less than the store was told")
    void shortPolicyOnTheServer() {
      String database = SharedInflux.freshDatabase("short");
      SharedInflux.server().query("CREATE DATABASE \"" + database + "\"", null);
      SharedInflux.server().query("CREATE RETENTION POLICY \"days_30\" ON \"" + database + "\" DURATION 1d "
          + "REPLICATION 1", null);
      InfluxAuditStore store = InfluxAuditStore.builder(SharedInflux.client()).database(database)
          .expiringPolicy("days_30", Duration.ofDays(30)).build();
      stores.add(store);

      assertThatThrownBy(() -> store.append(List.of(change("shop.orders", 1, T0, "bob", 0))))
          .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUnusable()).isTrue())
          .hasMessageContaining("days_30").hasMessageContaining("PT24H").hasMessageContaining("before their deadline");
      assertThat(rows("SELECT * FROM \"" + database + "\".\"days_30\".audit_changes", database)).isEmpty();
    }

    @Test
    @DisplayName("refuses a keeping policy that expires")
    void expiringKeepingPolicy() {
      String database = SharedInflux.freshDatabase("keep");
      SharedInflux.server().query("CREATE DATABASE \"" + database + "\"", null);
      SharedInflux.server().query("CREATE RETENTION POLICY \"keep\" ON \"" + database + "\" DURATION 7d "
          + "REPLICATION 1", null);
      InfluxAuditStore store = InfluxAuditStore.builder(SharedInflux.client()).database(database)
          .keepingPolicy("keep").build();
      stores.add(store);

      assertThatThrownBy(() -> store.find(change("shop.orders", 1, T0, "bob", 0).id()))
          .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUnusable()).isTrue())
          .hasMessageContaining("keep").hasMessageContaining("DURATION INF");
    }

    private List<String> idsIn(InfluxAuditStore store, String policy) {
      return rows("SELECT event_id FROM \"" + store.database() + "\".\"" + policy + "\".audit_changes",
          store.database()).stream().map(r -> r.get(1).asText()).toList();
    }
  }

  @Test
  @DisplayName("fails as unusable, naming writerLane, for a record of an SQS standard queue without a writer lane")
  void unorderedWithoutLane() {
    InfluxAuditStore store = store(b -> b);
    AuditRecord fromSqs = TestRecords.row("shop.orders", 1).insert(Row.builder().put("id", 1).build())
        .origin(new MessageCoordinates(SourcePartition.unordered("audit-queue"), "m-1")).at(T0).build();

    assertThatThrownBy(() -> store.append(List.of(fromSqs)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.isUnusable()).isTrue())
        .hasMessageContaining("audit-queue").hasMessageContaining("writerLane");
    assertThat(store.count()).isZero();
  }

  @Test
  @DisplayName("keeps actor names out of the tags when told, and still answers by actor")
  void actorNamesUntagged() {
    InfluxAuditStore store = store(b -> b.actorTags(false));
    AuditRecord one = change("shop.orders", 1, T0, "alice", 0);
    AuditRecord two = change("shop.orders", 2, T0, "bob", 0);
    store.append(List.of(one, two));

    assertThat(all(store, AuditQuery.byActor("alice"))).containsExactly(one);
    assertThat(rows("SHOW TAG KEYS FROM audit_changes", store.database()).stream().map(r -> r.get(0).asText()))
        .containsExactlyInAnyOrder("actor_kind", "database", "lane", "operation", "table");
  }

  @Test
  @DisplayName("builder: names the setting and the bad value")
  void builder() {
    var client = SharedInflux.client();
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).database("bad name").build())
        .hasMessageContaining("InfluxAuditStore.database").hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).expiringPolicy("p", Duration.ofMinutes(30)).build())
        .hasMessageContaining("expiringPolicy(p)").hasMessageContaining("PT30M");
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).expiringPolicy("a", Duration.ofDays(1))
        .expiringPolicy("b", Duration.ofDays(1)).build()).hasMessageContaining("same duration");
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).expiringPolicy("autogen", Duration.ofDays(1)).build())
        .hasMessageContaining("named twice");
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).writeProtocol(WriteProtocol.V2).build())
        .hasMessageContaining("InfluxAuditStore.organization").hasMessageContaining("V2");
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).maxRecordBytes(10).build())
        .hasMessageContaining("maxRecordBytes").hasMessageContaining("10");
    assertThatThrownBy(() -> InfluxAuditStore.builder(client).writerLane("a\nb").build())
        .hasMessageContaining("writerLane");
  }

  @Test
  @DisplayName("fails as transient (retried), not unusable, when the server cannot be reached")
  void unreachable() {
    try (var closed = SharedInflux.clientFor("http://127.0.0.1:9")) {
      InfluxAuditStore store = InfluxAuditStore.builder(closed).build();
      assertThatThrownBy(() -> store.append(List.of(change("shop.orders", 1, T0, "bob", 0))))
          .isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.isUnusable()).isFalse();
            assertThat(e.isPermanent()).isFalse();
          }).hasMessageContaining("cannot reach InfluxDB");
    }
  }
}
