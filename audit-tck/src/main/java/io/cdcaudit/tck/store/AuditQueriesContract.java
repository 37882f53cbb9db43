package io.cdcaudit.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.trail.AuditTrail;
import io.cdcaudit.trail.RowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditQueries}, tier 2: a row's history, state at a time, changes by
 * actor, by table and time, by transaction; order; cursor paging. Stores that answer queries
 * extend it besides {@link AuditStoreContract}.
 */
public abstract class AuditQueriesContract {

  /**
   * A store for one test: empty, not shared with other tests.
   *
   * @return the store under test
   */
  protected abstract AuditStore createStore();

  /**
   * The read side of a store made by {@link #createStore()}.
   *
   * @param store a store made by {@link #createStore()}
   * @return its query side (usually the store itself)
   */
  protected abstract AuditQueries queriesOf(AuditStore store);

  /**
   * Releases what {@link #createStore()} made; called after each test.
   *
   * @param store the store {@link #createStore()} made
   */
  protected void releaseStore(AuditStore store) {}

  /** The store of the running test, made before each test by {@link #createStore()}. */
  protected AuditStore store;
  /** The query side of {@link #store}. */
  protected AuditQueries queries;

  @BeforeEach
  void openStore() {
    store = createStore();
    queries = queriesOf(store);
  }

  @AfterEach
  void closeStore() {
    releaseStore(store);
  }

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final TableRef ORDERS = TableRef.of("shop", "orders");

  private static Row order(long id, String status) {
    return Row.builder().put("id", id).put("status", status).build();
  }

  /** Order 1: insert at T0, paid at T0+10s, shipped at T0+20s, deleted at T0+30s; order 2 and other tables around it. */
  private List<AuditRecord> orderOneLifecycle() {
    List<AuditRecord> records = List.of(
        TestRecords.row("shop.orders", 1).insert(order(1, "new")).at(T0).actor("alice").transaction("tx-1").build(),
        TestRecords.row("shop.orders", 1).update(order(1, "new"), order(1, "paid")).at(T0.plusSeconds(10)).actor("bob").transaction("tx-2").build(),
        TestRecords.row("shop.orders", 1).update(order(1, "paid"), order(1, "shipped")).at(T0.plusSeconds(20)).actor("alice").transaction("tx-3").build(),
        TestRecords.row("shop.orders", 1).delete(order(1, "shipped")).at(T0.plusSeconds(30)).actor("carol").transaction("tx-4").build(),
        TestRecords.row("shop.orders", 2).insert(order(2, "new")).at(T0.plusSeconds(5)).actor("alice").transaction("tx-5").build(),
        TestRecords.row("shop.invoices", 1).insert(order(1, "new")).at(T0.plusSeconds(6)).actor("alice").transaction("tx-2").build(),
        TestRecords.row("crm.orders", 1).insert(order(1, "new")).at(T0.plusSeconds(7)).actor("bob").build());
    store.append(records);
    return records;
  }

  private List<AuditRecord> all(AuditQuery query, SortOrder order, int pageSize) {
    List<AuditRecord> out = new ArrayList<>();
    PageRequest request = new PageRequest(pageSize, order, null);
    for (int pages = 0; pages < 10_000; pages++) {
      Page<AuditRecord> page = queries.find(query, request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      out.addAll(page.items());
      if (!page.hasNext()) {
        return out;
      }
      request = request.next(page.nextCursor());
    }
    throw new AssertionError("paging did not end");
  }

  private static List<String> ids(List<AuditRecord> records) {
    return records.stream().map(r -> r.id().value()).toList();
  }

  private static List<AuditRecord> sorted(List<AuditRecord> records, SortOrder order) {
    Comparator<AuditRecord> bySortKey = Comparator.comparing(AuditRecord::sortKey);
    return records.stream().sorted(order == SortOrder.OLDEST_FIRST ? bySortKey : bySortKey.reversed()).toList();
  }

  @Nested
  @DisplayName("A row's history")
  class RowHistory {

    @Test
    @DisplayName("lists the row's changes oldest first, and only that row's")
    void oldestFirst() {
      List<AuditRecord> records = orderOneLifecycle();

      List<AuditRecord> history = all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)), SortOrder.OLDEST_FIRST, 100);

      assertThat(ids(history)).containsExactlyElementsOf(ids(records.subList(0, 4)));
      assertThat(history).containsExactlyElementsOf(records.subList(0, 4));
    }

    @Test
    @DisplayName("lists the row's changes newest first")
    void newestFirst() {
      List<AuditRecord> records = orderOneLifecycle();

      List<AuditRecord> history = all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)), SortOrder.NEWEST_FIRST, 100);

      assertThat(ids(history)).containsExactly(ids(records).get(3), ids(records).get(2), ids(records).get(1), ids(records).get(0));
    }

    @Test
    @DisplayName("keeps binlog order among changes committed in the same second")
    void sameSecondInBinlogOrder() {
      Instant second = T0.plusSeconds(100);
      List<AuditRecord> records = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        records.add(TestRecords.row("shop.orders", 9).update(order(9, "s" + i), order(9, "s" + (i + 1)))
            .at(second).position("mysql-bin.000007", 1_000 + 100L * (4 - i) * (4 - i) , 0).build());
      }
      // Binlog order is by offset: record 4 has the smallest offset, record 0 the largest.
      store.append(records);

      List<AuditRecord> history = all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 9)), SortOrder.OLDEST_FIRST, 100);

      assertThat(history).containsExactlyElementsOf(sorted(records, SortOrder.OLDEST_FIRST));
      assertThat(ids(history)).containsExactly(ids(records).get(4), ids(records).get(3), ids(records).get(2), ids(records).get(1), ids(records).get(0));
    }

    @Test
    @DisplayName("keeps the source partition's order among same-second changes that have no binlog position")
    void sameSecondInPartitionOrder() {
      // Maxwell's default output: whole seconds, no position; xids 28 then 26 (MariaDB's xids are no commit order).
      Instant second = T0.plusSeconds(200);
      AuditRecord first = TestRecords.row("shop.orders", 5).update(order(5, "x"), order(5, "B")).at(second)
          .transaction("28").origin("maxwell", "0", 99).build();
      AuditRecord second2 = TestRecords.row("shop.orders", 5).update(order(5, "B"), order(5, "A")).at(second)
          .transaction("26").origin("maxwell", "0", 100).build();
      store.append(List.of(second2, first));

      List<AuditRecord> history = all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 5)), SortOrder.OLDEST_FIRST, 100);

      assertThat(history).containsExactly(first, second2);
      assertThat(AuditTrail.over(queries).stateAt(ORDERS, PrimaryKey.of("id", 5), second).map(RowState::row))
          .contains(order(5, "A"));
    }

    @Test
    @DisplayName("of an old key ends with the update that moved the row to a new key, which starts the new key's history")
    void primaryKeyChange() {
      AuditRecord insert = TestRecords.row("shop.orders", 1).insert(order(1, "new")).at(T0).build();
      AuditRecord move = TestRecords.row("shop.orders", 2).update(order(1, "new"), order(2, "new")).at(T0.plusSeconds(1)).build();
      AuditRecord later = TestRecords.row("shop.orders", 2).update(order(2, "new"), order(2, "paid")).at(T0.plusSeconds(2)).build();
      store.append(List.of(insert, move, later));

      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)), SortOrder.OLDEST_FIRST, 10)).containsExactly(insert, move);
      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)), SortOrder.NEWEST_FIRST, 1)).containsExactly(move, insert);
      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 2)), SortOrder.OLDEST_FIRST, 10)).containsExactly(move, later);
      assertThat(all(AuditQuery.byTable(ORDERS), SortOrder.OLDEST_FIRST, 10)).containsExactly(insert, move, later);
    }

    @Test
    @DisplayName("keeps tables apart whose dotted names read alike (a.`b.c` and `a.b`.c)")
    void dottedNames() {
      TableRef inner = TableRef.of("a", "b.c");
      TableRef outer = TableRef.of("a.b", "c");
      AuditRecord one = TestRecords.row(inner, PrimaryKey.of("id", 1)).insert(order(1, "inner")).at(T0).build();
      AuditRecord two = TestRecords.row(outer, PrimaryKey.of("id", 1)).insert(order(1, "outer")).at(T0).build();
      store.append(List.of(one, two));

      assertThat(all(AuditQuery.rowHistory(inner, PrimaryKey.of("id", 1)), SortOrder.OLDEST_FIRST, 10)).containsExactly(one);
      assertThat(all(AuditQuery.rowHistory(outer, PrimaryKey.of("id", 1)), SortOrder.OLDEST_FIRST, 10)).containsExactly(two);
      assertThat(all(AuditQuery.byTable(inner), SortOrder.OLDEST_FIRST, 10)).containsExactly(one);
      assertThat(all(AuditQuery.byTable(outer), SortOrder.OLDEST_FIRST, 10)).containsExactly(two);
    }

    @Test
    @DisplayName("is limited to a commit-time range, from inclusive and until exclusive")
    void withinRange() {
      List<AuditRecord> records = orderOneLifecycle();

      List<AuditRecord> history = all(
          AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)).within(TimeRange.between(T0.plusSeconds(10), T0.plusSeconds(30))),
          SortOrder.OLDEST_FIRST, 100);

      assertThat(ids(history)).containsExactly(ids(records).get(1), ids(records).get(2));
    }

    @Test
    @DisplayName("of a row without changes is an empty last page")
    void unknownRow() {
      orderOneLifecycle();

      Page<AuditRecord> page = queries.find(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 404)), PageRequest.oldestFirst(10));

      assertThat(page.items()).isEmpty();
      assertThat(page.hasNext()).isFalse();
    }

    @Test
    @DisplayName("tells a text key from a number key")
    void keyTypesMatter() {
      store.append(List.of(
          TestRecords.row("shop.codes", PrimaryKey.of("code", "1")).insert(Row.builder().put("code", "1").build()).at(T0).build(),
          TestRecords.row("shop.codes", PrimaryKey.of("code", 1)).insert(Row.builder().put("code", 1).build()).at(T0).build()));

      assertThat(all(AuditQuery.rowHistory(TableRef.of("shop", "codes"), PrimaryKey.of("code", "1")), SortOrder.OLDEST_FIRST, 10)).hasSize(1);
      assertThat(all(AuditQuery.rowHistory(TableRef.of("shop", "codes"), PrimaryKey.of("code", 1)), SortOrder.OLDEST_FIRST, 10)).hasSize(1);
    }
  }

  @Nested
  @DisplayName("Paging")
  class Paging {

    @Test
    @DisplayName("returns every record exactly once over pages of any size, in both orders")
    void everyRecordOnce() {
      List<AuditRecord> records = new ArrayList<>();
      for (int i = 0; i < 57; i++) {
        records.add(TestRecords.row("shop.orders", 3).update(order(3, "a" + i), order(3, "a" + (i + 1)))
            .at(T0.plusMillis(i / 3 * 1000L)).build());
      }
      store.append(records);
      AuditQuery query = AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 3));

      for (SortOrder order : SortOrder.values()) {
        List<String> expected = ids(sorted(records, order));
        for (int size : new int[] {1, 2, 10, 56, 57, 58, 500}) {
          assertThat(ids(all(query, order, size))).as(order + " pages of " + size).containsExactlyElementsOf(expected);
        }
      }
    }

    @Test
    @DisplayName("says a page is the last when nothing follows, also when the last page is full")
    void lastPage() {
      List<AuditRecord> records = List.of(
          TestRecords.insert("shop.orders", 1, T0), TestRecords.insert("shop.orders", 2, T0.plusSeconds(1)));
      store.append(records);

      Page<AuditRecord> first = queries.find(AuditQuery.byTable(ORDERS), PageRequest.oldestFirst(2));

      assertThat(first.items()).hasSize(2);
      if (first.hasNext()) {
        Page<AuditRecord> second = queries.find(AuditQuery.byTable(ORDERS), PageRequest.oldestFirst(2).next(first.nextCursor()));
        assertThat(second.items()).isEmpty();
        assertThat(second.hasNext()).isFalse();
      }
    }

    @Test
    @DisplayName("continues after the cursor when newer records arrive between pages")
    void stableUnderAppends() {
      List<AuditRecord> early = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        early.add(TestRecords.insert("shop.orders", 100 + i, T0.plusSeconds(i)));
      }
      store.append(early);
      Page<AuditRecord> first = queries.find(AuditQuery.byTable(ORDERS), PageRequest.oldestFirst(4));
      AuditRecord later = TestRecords.insert("shop.orders", 999, T0.plusSeconds(100));
      store.append(List.of(later));

      List<AuditRecord> rest = new ArrayList<>();
      PageRequest request = PageRequest.oldestFirst(4).next(first.nextCursor());
      while (true) {
        Page<AuditRecord> page = queries.find(AuditQuery.byTable(ORDERS), request);
        rest.addAll(page.items());
        if (!page.hasNext()) {
          break;
        }
        request = request.next(page.nextCursor());
      }

      List<AuditRecord> expected = new ArrayList<>(early.subList(4, 10));
      expected.add(later);
      assertThat(ids(rest)).containsExactlyElementsOf(ids(expected));
    }

    @Test
    @DisplayName("rejects a cursor this library did not make")
    void foreignCursor() {
      assertThatThrownBy(() -> queries.find(AuditQuery.byTable(ORDERS), PageRequest.oldestFirst(5).next("page-2")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("Other questions")
  class OtherQuestions {

    @Test
    @DisplayName("the changes an actor made, in a time range")
    void byActor() {
      List<AuditRecord> records = orderOneLifecycle();

      List<AuditRecord> alice = all(AuditQuery.byActor("alice"), SortOrder.OLDEST_FIRST, 2);
      List<AuditRecord> aliceLater = all(AuditQuery.byActor("alice").within(TimeRange.since(T0.plusSeconds(6))), SortOrder.OLDEST_FIRST, 2);

      assertThat(ids(alice)).containsExactly(ids(records).get(0), ids(records).get(4), ids(records).get(5), ids(records).get(2));
      assertThat(ids(aliceLater)).containsExactly(ids(records).get(5), ids(records).get(2));
      assertThat(all(AuditQuery.byActor("nobody"), SortOrder.OLDEST_FIRST, 5)).isEmpty();
    }

    @Test
    @DisplayName("the changes of a table in a time range, newest first")
    void byTable() {
      List<AuditRecord> records = orderOneLifecycle();

      List<AuditRecord> orders = all(AuditQuery.byTable(ORDERS).within(TimeRange.between(T0.plusSeconds(5), T0.plusSeconds(30))),
          SortOrder.NEWEST_FIRST, 2);

      assertThat(ids(orders)).containsExactly(ids(records).get(2), ids(records).get(1), ids(records).get(4));
    }

    @Test
    @DisplayName("time ranges may reach the end of time (9999-12-31, Instant.MAX) and before 1970")
    void endOfTime() {
      List<AuditRecord> records = orderOneLifecycle();
      Instant endOfTime = Instant.parse("9999-12-31T23:59:59Z");

      assertThat(all(AuditQuery.byTable(ORDERS).within(TimeRange.before(endOfTime)), SortOrder.OLDEST_FIRST, 10)).hasSize(5);
      assertThat(all(AuditQuery.byTable(ORDERS).within(TimeRange.before(Instant.MAX)), SortOrder.NEWEST_FIRST, 10)).hasSize(5);
      assertThat(all(AuditQuery.byActor("alice").within(TimeRange.between(Instant.parse("1900-01-01T00:00:00Z"), endOfTime)),
          SortOrder.OLDEST_FIRST, 10)).hasSize(4);
      assertThat(all(AuditQuery.byTable(ORDERS).within(TimeRange.since(endOfTime)), SortOrder.OLDEST_FIRST, 10)).isEmpty();
      assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)).within(TimeRange.before(Instant.MAX)),
          SortOrder.OLDEST_FIRST, 10)).containsExactlyElementsOf(records.subList(0, 4));
    }

    @Test
    @DisplayName("the changes of a transaction, across tables")
    void byTransaction() {
      List<AuditRecord> records = orderOneLifecycle();

      List<AuditRecord> tx = all(AuditQuery.byTransaction("tx-2"), SortOrder.OLDEST_FIRST, 10);

      assertThat(ids(tx)).containsExactly(ids(records).get(5), ids(records).get(1));
    }

    @Test
    @DisplayName("transaction ids match exactly, with the position in the transaction kept")
    void transactionPositions() {
      List<AuditRecord> records = List.of(
          TestRecords.row("shop.orders", 1).insert(order(1, "a")).at(T0).transaction(new TransactionRef("477", 0, false))
              .position("mysql-bin.000003", 400, 0).build(),
          TestRecords.row("shop.orders", 2).insert(order(2, "a")).at(T0).transaction(new TransactionRef("477", 1, true))
              .position("mysql-bin.000003", 400, 1).build(),
          TestRecords.row("shop.orders", 3).insert(order(3, "a")).at(T0).transaction(new TransactionRef("4770", 0, true))
              .position("mysql-bin.000003", 900, 0).build());
      store.append(records);

      List<AuditRecord> tx = all(AuditQuery.byTransaction("477"), SortOrder.OLDEST_FIRST, 10);

      assertThat(tx).containsExactly(records.get(0), records.get(1));
    }
  }

  @Nested
  @DisplayName("A row's state at a point in time")
  class StateAt {

    @Test
    @DisplayName("is unknown before its first change, the inserted row after it, the new row after an update, and gone after the delete")
    void followsTheRow() {
      orderOneLifecycle();
      AuditTrail trail = AuditTrail.over(queries);
      PrimaryKey one = PrimaryKey.of("id", 1);

      assertThat(trail.stateAt(ORDERS, one, T0.minusMillis(1))).isEmpty();
      assertThat(trail.stateAt(ORDERS, one, T0).map(RowState::row)).contains(order(1, "new"));
      assertThat(trail.stateAt(ORDERS, one, T0.plusSeconds(15)).map(RowState::row)).contains(order(1, "paid"));
      assertThat(trail.stateAt(ORDERS, one, T0.plusSeconds(20)).map(RowState::row)).contains(order(1, "shipped"));
      Optional<RowState> deleted = trail.stateAt(ORDERS, one, T0.plusSeconds(31));
      assertThat(deleted).isPresent();
      assertThat(deleted.get().exists()).isFalse();
      assertThat(deleted.get().lastChange().actor().name()).isEqualTo("carol");
    }

    @Test
    @DisplayName("answers for end-of-time instants: 9999-12-31 and Instant.MAX")
    void endOfTime() {
      orderOneLifecycle();
      AuditTrail trail = AuditTrail.over(queries);

      assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 2), Instant.parse("9999-12-31T23:59:59Z")).map(RowState::row))
          .contains(order(2, "new"));
      assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 2), Instant.MAX).map(RowState::row)).contains(order(2, "new"));
      assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 1), Instant.MAX).map(RowState::exists)).contains(false);
      assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 1), Instant.MIN)).isEmpty();
    }

    @Test
    @DisplayName("says a row moved to another key is gone from the old key, and present under the new one")
    void afterAKeyChange() {
      store.append(List.of(
          TestRecords.row("shop.orders", 1).insert(order(1, "new")).at(T0).build(),
          TestRecords.row("shop.orders", 2).update(order(1, "new"), order(2, "new")).at(T0.plusSeconds(1)).build()));
      AuditTrail trail = AuditTrail.over(queries);

      Optional<RowState> old = trail.stateAt(ORDERS, PrimaryKey.of("id", 1), T0.plusSeconds(5));
      assertThat(old.map(RowState::exists)).contains(false);
      assertThat(old.map(RowState::row)).contains(Row.EMPTY);
      assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 1), T0).map(RowState::row)).contains(order(1, "new"));
      assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 2), T0.plusSeconds(5)).map(RowState::row)).contains(order(2, "new"));
    }
  }
}
