package io.cdcaudit.tck.store;

import static io.cdcaudit.tck.store.QueryFixtures.END_OF_TIME;
import static io.cdcaudit.tck.store.QueryFixtures.ORDERS;
import static io.cdcaudit.tck.store.QueryFixtures.T0;
import static io.cdcaudit.tck.store.QueryFixtures.ids;
import static io.cdcaudit.tck.store.QueryFixtures.order;
import static io.cdcaudit.tck.store.QueryFixtures.orderOneLifecycle;
import static io.cdcaudit.tck.store.QueryFixtures.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
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
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The row-history tier of the query contract: a row's changes in both orders, binlog and partition
 * order within a second, key changes, dotted names, key types, time ranges. With
 * {@link StateAtContract} it is what an auditor asks first.
 *
 * @param <S> the store type
 */
public abstract class RowHistoryContract<S extends AuditStore & AuditQueries> extends QueryTierContract<S> {

  /** For a store's test. */
  protected RowHistoryContract() {}

  @Override
  protected final AuditQuery.Kind kind() {
    return AuditQuery.Kind.ROW_HISTORY;
  }

  @Test
  @DisplayName("lists the row's changes oldest first, and only that row's")
  void oldestFirst() {
    List<AuditRecord> records = orderOneLifecycle(store);

    List<AuditRecord> history = all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)), SortOrder.OLDEST_FIRST, 100);

    assertThat(ids(history)).containsExactlyElementsOf(ids(records.subList(0, 4)));
    assertThat(history).containsExactlyElementsOf(records.subList(0, 4));
  }

  @Test
  @DisplayName("lists the row's changes newest first")
  void newestFirst() {
    List<AuditRecord> records = orderOneLifecycle(store);

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
    assertThat(AuditTrail.over(store).stateAt(ORDERS, PrimaryKey.of("id", 5), second).map(RowState::row))
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
  }

  @Test
  @DisplayName("is limited to a commit-time range, from inclusive and until exclusive")
  void withinRange() {
    List<AuditRecord> records = orderOneLifecycle(store);

    List<AuditRecord> history = all(
        AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)).within(TimeRange.between(T0.plusSeconds(10), T0.plusSeconds(30))),
        SortOrder.OLDEST_FIRST, 100);

    assertThat(ids(history)).containsExactly(ids(records).get(1), ids(records).get(2));
  }

  @Test
  @DisplayName("of a row without changes is an empty last page")
  void unknownRow() {
    orderOneLifecycle(store);

    Page<AuditRecord> page = store.find(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 404)), PageRequest.oldestFirst(10));

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

  @Test
  @DisplayName("reaches the end of time (Instant.MAX) and before 1970")
  void endOfTime() {
    List<AuditRecord> records = orderOneLifecycle(store);

    assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1)).within(TimeRange.before(Instant.MAX)),
        SortOrder.OLDEST_FIRST, 10)).containsExactlyElementsOf(records.subList(0, 4));
    assertThat(all(AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 1))
        .within(TimeRange.between(Instant.parse("1900-01-01T00:00:00Z"), END_OF_TIME)), SortOrder.NEWEST_FIRST, 3))
        .hasSize(4);
  }
}
