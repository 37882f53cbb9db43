package io.cdcaudit.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.tck.TestRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayName("The Cassandra store, beyond the contract")
class CassandraAuditStoreTest {

  private static final TableRef ORDERS = TableRef.of("shop", "orders");

  private CassandraAuditStore store;
  private CqlSession session;

  @BeforeEach
  void emptyStore() {
    store = SharedCassandra.emptyStore();
    session = SharedCassandra.session();
  }

  private Row cells(String table, String columns, String where, Object... values) {
    return session.execute(SimpleStatement.newInstance("SELECT " + columns + " FROM \"" + store.keyspace() + "\".\""
        + table + "\" WHERE " + where, values)).one();
  }

  private Integer ttlOf(String table, String where, Object... values) {
    Row row = cells(table, "TTL(record)", where, values);
    assertThat(row).as("a row in " + table).isNotNull();
    return row.isNull(0) ? null : row.getInt(0);
  }

  @Nested
  @DisplayName("Retention by TTL")
  class Ttl {

    @Test
    @DisplayName("a record with a few seconds of retention disappears by itself, from every table")
    void expiresByTtl() {
      Instant now = Instant.now();
      AuditRecord shortLived = TestRecords.row("shop.orders", 1).actor("alice").transaction("tx-ttl")
          .at(now).expiresAt(now.plusSeconds(3)).build();
      AuditRecord kept = TestRecords.row("shop.orders", 2).actor("alice").at(now).build();
      store.append(List.of(shortLived, kept));
      assertThat(store.find(shortLived.id())).contains(shortLived);
      assertThat(ttlOf("records_by_id", "id = ?", shortLived.id().value())).isBetween(1, 3);

      await("Cassandra's TTL removes the record").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> store.find(shortLived.id()).isEmpty());

      assertThat(store.find(kept.id())).contains(kept);
      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)))).isEmpty();
      assertThat(all(AuditQuery.byTable(ORDERS))).containsExactly(kept);
      assertThat(all(AuditQuery.byActor("alice"))).containsExactly(kept);
      assertThat(all(AuditQuery.byTransaction("tx-ttl"))).isEmpty();
      assertThat(store.count()).isEqualTo(1);
    }

    @Test
    @DisplayName("rows under legal hold, and rows without a deadline, have no TTL; rows with a deadline have one")
    void legalHoldHasNoTtl() {
      AuditRecord held = TestRecords.row("shop.orders", 1).actor("bob").transaction("tx-h").legalHold().build();
      AuditRecord forever = TestRecords.row("shop.orders", 2).build();
      Instant deadline = Instant.now().plus(30, ChronoUnit.DAYS);
      AuditRecord dated = TestRecords.row("shop.orders", 3).expiresAt(deadline).build();
      store.append(List.of(held, forever, dated));

      assertThat(ttlOf("records_by_id", "id = ?", held.id().value())).isNull();
      assertThat(ttlOf("history_by_row", "database = 'shop' AND table_name = 'orders' AND row_key = ?",
          held.event().primaryKey().canonical())).isNull();
      assertThat(ttlOf("changes_by_actor", "actor = 'bob' AND bucket = ?", "2026-01-01")).isNull();
      assertThat(ttlOf("changes_by_tx", "tx_id = 'tx-h'")).isNull();
      assertThat(ttlOf("records_by_id", "id = ?", forever.id().value())).isNull();
      long expected = Duration.between(Instant.now(), deadline).toSeconds();
      assertThat(ttlOf("records_by_id", "id = ?", dated.id().value())).isBetween((int) expected - 60, (int) expected + 1);
      assertThat(ttlOf("history_by_row", "database = 'shop' AND table_name = 'orders' AND row_key = ?",
          dated.event().primaryKey().canonical())).isBetween((int) expected - 60, (int) expected + 1);
    }

    @Test
    @DisplayName("a record whose deadline passed before it arrived is stored for the grace period, and a purge removes it")
    void expiredOnArrival() {
      AuditRecord late = TestRecords.row("shop.orders", 1).expiresAt(Instant.now().minusSeconds(3_600)).build();

      assertThat(store.append(List.of(late)).rejected()).isEmpty();

      assertThat(store.find(late.id())).contains(late);
      assertThat(ttlOf("records_by_id", "id = ?", late.id().value())).isBetween(86_400 - 60, 86_400);
      assertThat(store.purgeExpired(Instant.now())).isEqualTo(1);
      assertThat(store.find(late.id())).isEmpty();
    }

    @Test
    @DisplayName("this Cassandra refuses a TTL that ends after 2038-01-19, so such a record is written without one and purged at its deadline")
    void deadlineBeyondTheTtlLimit() {
      Instant deadline = Instant.parse("2040-06-01T00:00:00Z");
      int ttl = (int) Duration.between(Instant.now(), deadline).toSeconds();
      assertThatThrownBy(() -> session.execute(SimpleStatement.newInstance("INSERT INTO \"" + store.keyspace()
          + "\".\"expiry_days\" (scope, day) VALUES ('probe', 'x') USING TTL " + ttl)))
          .isInstanceOf(InvalidQueryException.class).hasMessageContaining("2038");
      AuditRecord longLived = TestRecords.row("shop.orders", 1).expiresAt(deadline).build();

      store.append(List.of(longLived));

      assertThat(ttlOf("records_by_id", "id = ?", longLived.id().value())).isNull();
      assertThat(store.purgeExpired(deadline.minusSeconds(1))).isZero();
      assertThat(store.purgeExpired(deadline)).isEqualTo(1);
      assertThat(store.find(longLived.id())).isEmpty();
      assertThat(all(AuditQuery.byTable(ORDERS))).isEmpty();
    }

    @Test
    @DisplayName("a purge removes the record from every query table")
    void purgeRemovesEveryRow() {
      Instant deadline = Instant.parse("2030-01-01T00:00:00Z");
      AuditRecord dated = TestRecords.row("shop.orders", 1).actor("carol").transaction("tx-p").expiresAt(deadline).build();
      AuditRecord held = TestRecords.row("shop.orders", 1).actor("carol").transaction("tx-p")
          .at(TestRecords.DEFAULT_TIME.plusSeconds(1)).legalHold().build();
      store.append(List.of(dated, held));

      assertThat(store.purgeExpired(deadline)).isEqualTo(1);

      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)))).containsExactly(held);
      assertThat(all(AuditQuery.byTable(ORDERS))).containsExactly(held);
      assertThat(all(AuditQuery.byActor("carol"))).containsExactly(held);
      assertThat(all(AuditQuery.byTransaction("tx-p"))).containsExactly(held);
      assertThat(session.execute("SELECT * FROM \"" + store.keyspace() + "\".expiries_by_day").all()).isEmpty();
      // the deadline's day is not over yet at the deadline: it stays listed until a purge after it
      assertThat(session.execute("SELECT day FROM \"" + store.keyspace() + "\".expiry_days").all()).hasSize(1);
      assertThat(store.purgeExpired(deadline.plus(1, ChronoUnit.DAYS))).isZero();
      assertThat(session.execute("SELECT day FROM \"" + store.keyspace() + "\".expiry_days").all()).isEmpty();
    }
  }

  @Nested
  @DisplayName("Schema")
  class SchemaCreation {

    @Test
    @DisplayName("ensureSchema is idempotent and leaves the data alone")
    void ensureSchemaTwice() {
      AuditRecord record = TestRecords.insert("shop.orders", 1, TestRecords.DEFAULT_TIME);
      store.append(List.of(record));

      store.ensureSchema();
      SharedCassandra.storeBuilder().build().ensureSchema();

      assertThat(store.find(record.id())).contains(record);
      assertThat(store.schemaStatements()).hasSize(10).allSatisfy(cql -> assertThat(cql).contains("IF NOT EXISTS"));
      assertThat(store.schemaStatements().get(0))
          .isEqualTo("CREATE KEYSPACE IF NOT EXISTS \"cdc_audit_test\" WITH replication = "
              + "{'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = true");
    }

    @Test
    @DisplayName("a table prefix gives a second store its own tables in the same keyspace")
    void tablePrefix() {
      CassandraAuditStore other = SharedCassandra.storeBuilder().tablePrefix("other_").build();
      other.ensureSchema();
      SharedCassandra.truncate(other);
      AuditRecord mine = TestRecords.insert("shop.orders", 1, TestRecords.DEFAULT_TIME);
      AuditRecord theirs = TestRecords.insert("shop.orders", 2, TestRecords.DEFAULT_TIME);

      store.append(List.of(mine));
      other.append(List.of(theirs));

      assertThat(other.tableNames()).contains("other_records_by_id", "other_history_by_row");
      assertThat(store.find(theirs.id())).isEmpty();
      assertThat(other.find(mine.id())).isEmpty();
      assertThat(all(other, AuditQuery.byTable(ORDERS))).containsExactly(theirs);
    }

    @Test
    @DisplayName("a store on a keyspace without the schema fails with a StoreException that says what to do")
    void missingSchema() {
      CassandraAuditStore nowhere = SharedCassandra.storeBuilder().keyspace("no_such_keyspace").build();

      assertThatThrownBy(() -> nowhere.append(List.of(TestRecords.insert("shop.orders", 1, TestRecords.DEFAULT_TIME))))
          .isInstanceOf(StoreException.class).hasMessageContaining("ensureSchema()");
    }
  }

  @Nested
  @DisplayName("Settings are validated, and names never reach CQL unchecked")
  class Validation {

    private void rejected(Consumer<CassandraAuditStore.Builder> setting, String named) {
      CassandraAuditStore.Builder builder = SharedCassandra.storeBuilder();
      setting.accept(builder);
      assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("CassandraAuditStore." + named + " ");
    }

    @Test
    @DisplayName("a keyspace or table prefix that is not a plain identifier is refused, naming the setting")
    void identifiers() {
      rejected(b -> b.keyspace("x; DROP KEYSPACE y"), "keyspace");
      rejected(b -> b.keyspace("x\" WITH"), "keyspace");
      rejected(b -> b.keyspace("1abc"), "keyspace");
      rejected(b -> b.keyspace("a".repeat(49)), "keyspace");
      rejected(b -> b.keyspace(""), "keyspace");
      rejected(b -> b.keyspace(null), "keyspace");
      rejected(b -> b.tablePrefix("a-b"), "tablePrefix");
      rejected(b -> b.tablePrefix("x\".\"y"), "tablePrefix");
      rejected(b -> b.tablePrefix("p".repeat(33)), "tablePrefix");
      assertThat(SharedCassandra.storeBuilder().keyspace("A_b9").tablePrefix("_t").build().keyspace()).isEqualTo("A_b9");
      assertThatThrownBy(() -> SharedCassandra.storeBuilder().keyspace("x; DROP KEYSPACE y").build())
          .hasMessageContaining("'x; DROP KEYSPACE y'");
    }

    @Test
    @DisplayName("every other setting is checked, and the message names it")
    void settings() {
      rejected(b -> b.maxConcurrentWrites(0), "maxConcurrentWrites");
      rejected(b -> b.maxConcurrentWrites(1025), "maxConcurrentWrites");
      rejected(b -> b.consistency(ConsistencyLevel.SERIAL), "writeConsistency");
      rejected(b -> b.writeConsistency(ConsistencyLevel.ANY), "writeConsistency");
      rejected(b -> b.readConsistency(ConsistencyLevel.EACH_QUORUM), "readConsistency");
      rejected(b -> b.readConsistency(ConsistencyLevel.LOCAL_SERIAL), "readConsistency");
      rejected(b -> b.readConsistency(null), "readConsistency");
      rejected(b -> b.replication(null), "replication");
      rejected(b -> b.bucket(null), "bucket");
      rejected(b -> b.clock(null), "clock");
      rejected(b -> b.expiredRecordGrace(Duration.ZERO), "expiredRecordGrace");
      rejected(b -> b.expiredRecordGrace(Duration.ofDays(365 * 21)), "expiredRecordGrace");
      rejected(b -> b.latestTtlExpiry(null), "latestTtlExpiry");
      rejected(b -> b.maxRecordBytes(1023), "maxRecordBytes");
      rejected(b -> b.executionProfile("no-such-profile"), "executionProfile");
      assertThatThrownBy(() -> CassandraAuditStore.builder(null).build())
          .hasMessage("CassandraAuditStore.session must not be null");
    }

    @Test
    @DisplayName("replication is checked and written as a CQL map")
    void replication() {
      assertThat(Replication.networkTopology(Map.of("dc-2", 3, "dc1", 2)).toCql())
          .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc-2': 3, 'dc1': 2}");
      assertThatThrownBy(() -> Replication.networkTopology(Map.of("dc'1", 3))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Replication.simple(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Replication.networkTopology(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("table names, keys, actors and transaction ids that look like CQL are only ever data")
    void hostileNames() {
      TableRef table = TableRef.of("db\"; DROP KEYSPACE cdc_audit_test; --", "t' OR '1'='1");
      io.cdcaudit.event.Row row = io.cdcaudit.event.Row.builder().put("id'); DROP TABLE x; --", 1).build();
      ChangeEvent event = TestRecords.row("x.y", 1).event().toBuilder()
          .table(table).primaryKey(PrimaryKey.of(row)).after(row).build();
      AuditRecord record = new AuditRecord(event, RowDiff.of(event),
          Actor.of("robert'); DROP TABLE students;--", Actor.Source.ROW_COLUMN), Instant.now(), Retention.forever());

      store.append(List.of(record));

      assertThat(store.find(record.id())).contains(record);
      assertThat(all(AuditQuery.byTable(table))).containsExactly(record);
      assertThat(all(AuditQuery.rowHistory(table, PrimaryKey.of(row)))).containsExactly(record);
      assertThat(all(AuditQuery.byActor("robert'); DROP TABLE students;--"))).containsExactly(record);
    }
  }

  @Nested
  @DisplayName("Writes")
  class Writes {

    @Test
    @DisplayName("a record too large for Cassandra is rejected with the reason, and the rest of the batch is stored")
    void tooLarge() {
      CassandraAuditStore small = SharedCassandra.storeBuilder().maxRecordBytes(2_048).build();
      AuditRecord big = TestRecords.row("shop.notes", 1)
          .insert(io.cdcaudit.event.Row.builder().put("id", 1).put("body", "x".repeat(4_000)).build()).build();
      AuditRecord fine = TestRecords.insert("shop.notes", 2, TestRecords.DEFAULT_TIME);

      AppendResult result = small.append(List.of(big, fine));

      assertThat(result.rejected()).singleElement().satisfies(r -> {
        assertThat(r.id()).isEqualTo(big.id());
        assertThat(r.reason()).contains("maxRecordBytes");
      });
      assertThat(small.find(fine.id())).contains(fine);
      assertThat(small.find(big.id())).isEmpty();
    }

    @Test
    @DisplayName("an append interrupted before it marked its records stored is completed by the retry")
    void retryCompletesAPartialWrite() {
      AuditRecord record = TestRecords.row("shop.orders", 1).actor("dave").transaction("tx-r").build();
      store.append(List.of(record));
      // as if the first attempt had died after the query tables and before records_by_id
      session.execute(SimpleStatement.newInstance("DELETE FROM \"" + store.keyspace() + "\".records_by_id WHERE id = ?",
          record.id().value()));
      assertThat(store.find(record.id())).isEmpty();

      store.append(List.of(record));

      assertThat(store.find(record.id())).contains(record);
      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)))).containsExactly(record);
      assertThat(all(AuditQuery.byActor("dave"))).containsExactly(record);
    }

    @Test
    @DisplayName("with one request in flight at a time and consistency ONE, a batch is still stored whole")
    void narrowWindow() {
      CassandraAuditStore narrow = SharedCassandra.storeBuilder().maxConcurrentWrites(1)
          .consistency(ConsistencyLevel.ONE).build();
      List<AuditRecord> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(TestRecords.insert("shop.orders", i, TestRecords.DEFAULT_TIME.plusSeconds(i)));
      }

      narrow.append(batch);

      assertThat(narrow.count()).isEqualTo(50);
      assertThat(all(narrow, AuditQuery.byTable(ORDERS))).containsExactlyElementsOf(batch);
    }
  }

  @Nested
  @DisplayName("Time buckets")
  class Buckets {

    private List<AuditRecord> spread(CassandraAuditStore target) {
      Instant t0 = Instant.parse("2026-03-01T22:30:00Z");
      List<AuditRecord> records = new ArrayList<>();
      long[] minutes = {0, 10, 45, 90, 91, 200, 60 * 24 * 40, 60 * 24 * 400};
      for (int i = 0; i < minutes.length; i++) {
        records.add(TestRecords.row("shop.orders", i).actor("erin").at(t0.plus(minutes[i], ChronoUnit.MINUTES)).build());
      }
      target.append(records);
      return records;
    }

    @Test
    @DisplayName("hour buckets: pages run across buckets in both orders, open ranges find the first and last buckets")
    void hourBuckets() {
      CassandraAuditStore hourly = SharedCassandra.storeBuilder().bucket(TimeBucket.HOUR).build();
      List<AuditRecord> records = spread(hourly);

      for (AuditQuery query : List.of(AuditQuery.byTable(ORDERS), AuditQuery.byActor("erin"))) {
        for (int size : new int[] {1, 2, 3, 8, 9}) {
          assertThat(all(hourly, query, SortOrder.OLDEST_FIRST, size)).containsExactlyElementsOf(records);
          assertThat(all(hourly, query, SortOrder.NEWEST_FIRST, size))
              .containsExactlyElementsOf(records.stream().sorted(Comparator.comparing(AuditRecord::sortKey).reversed()).toList());
        }
      }
      // from inclusive, until exclusive, at bucket boundaries
      TimeRange range = TimeRange.between(Instant.parse("2026-03-01T23:00:00Z"), Instant.parse("2026-03-02T00:01:00Z"));
      assertThat(all(hourly, AuditQuery.byTable(ORDERS).within(range), SortOrder.OLDEST_FIRST, 1))
          .containsExactly(records.get(2), records.get(3));
      assertThat(all(hourly, AuditQuery.byActor("erin").within(TimeRange.since(Instant.parse("2026-04-01T00:00:00Z"))),
          SortOrder.NEWEST_FIRST, 1)).containsExactly(records.get(7), records.get(6));
      assertThat(all(hourly, AuditQuery.byActor("erin").within(TimeRange.before(Instant.parse("2026-03-01T22:40:00Z"))),
          SortOrder.NEWEST_FIRST, 5)).containsExactly(records.get(0));
      assertThat(all(hourly, AuditQuery.byActor("erin").within(TimeRange.before(Instant.parse("2026-03-01T22:40:00.000001Z"))),
          SortOrder.NEWEST_FIRST, 1)).containsExactly(records.get(1), records.get(0));
    }

    @Test
    @DisplayName("month buckets answer the same")
    void monthBuckets() {
      CassandraAuditStore monthly = SharedCassandra.storeBuilder().bucket(TimeBucket.MONTH).build();
      List<AuditRecord> records = spread(monthly);

      assertThat(all(monthly, AuditQuery.byTable(ORDERS), SortOrder.OLDEST_FIRST, 3)).containsExactlyElementsOf(records);
      assertThat(all(monthly, AuditQuery.byActor("erin").within(TimeRange.since(Instant.parse("2026-03-02T00:00:00Z"))),
          SortOrder.OLDEST_FIRST, 2)).containsExactlyElementsOf(records.subList(3, 8));
    }
  }

  private List<AuditRecord> all(AuditQuery query) {
    return all(store, query);
  }

  private static List<AuditRecord> all(CassandraAuditStore target, AuditQuery query) {
    return all(target, query, SortOrder.OLDEST_FIRST, 100);
  }

  private static List<AuditRecord> all(CassandraAuditStore target, AuditQuery query, SortOrder order, int size) {
    List<AuditRecord> out = new ArrayList<>();
    PageRequest request = new PageRequest(size, order, null);
    for (int pages = 0; pages < 1_000; pages++) {
      Page<AuditRecord> page = target.find(query, request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
      out.addAll(page.items());
      if (!page.hasNext()) {
        return out;
      }
      request = request.next(page.nextCursor());
    }
    throw new AssertionError("paging did not end");
  }
}
