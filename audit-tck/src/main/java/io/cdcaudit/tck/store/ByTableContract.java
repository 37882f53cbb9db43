package io.cdcaudit.tck.store;

import static io.cdcaudit.tck.store.QueryFixtures.END_OF_TIME;
import static io.cdcaudit.tck.store.QueryFixtures.ORDERS;
import static io.cdcaudit.tck.store.QueryFixtures.T0;
import static io.cdcaudit.tck.store.QueryFixtures.ids;
import static io.cdcaudit.tck.store.QueryFixtures.order;
import static io.cdcaudit.tck.store.QueryFixtures.orderOneLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.tck.TestRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The by-table tier of the query contract: the changes of one table in a time range.
 *
 * @param <S> the store type
 */
public abstract class ByTableContract<S extends AuditStore & AuditQueries> extends QueryTierContract<S> {

  /** For a store's test. */
  protected ByTableContract() {}

  @Override
  protected final AuditQuery.Kind kind() {
    return AuditQuery.Kind.BY_TABLE;
  }

  @Test
  @DisplayName("the changes of a table in a time range, newest first")
  void byTable() {
    List<AuditRecord> records = orderOneLifecycle(store);

    List<AuditRecord> orders = all(AuditQuery.byTable(ORDERS).within(TimeRange.between(T0.plusSeconds(5), T0.plusSeconds(30))),
        SortOrder.NEWEST_FIRST, 2);

    assertThat(ids(orders)).containsExactly(ids(records).get(2), ids(records).get(1), ids(records).get(4));
  }

  @Test
  @DisplayName("reaches the end of time (9999-12-31, Instant.MAX); a range that starts there is empty")
  void endOfTime() {
    orderOneLifecycle(store);

    assertThat(all(AuditQuery.byTable(ORDERS).within(TimeRange.before(END_OF_TIME)), SortOrder.OLDEST_FIRST, 10)).hasSize(5);
    assertThat(all(AuditQuery.byTable(ORDERS).within(TimeRange.before(Instant.MAX)), SortOrder.NEWEST_FIRST, 10)).hasSize(5);
    assertThat(all(AuditQuery.byTable(ORDERS).within(TimeRange.since(END_OF_TIME)), SortOrder.OLDEST_FIRST, 10)).isEmpty();
  }

  @Test
  @DisplayName("keeps tables apart whose dotted names read alike (a.`b.c` and `a.b`.c)")
  void dottedNames() {
    TableRef inner = TableRef.of("a", "b.c");
    TableRef outer = TableRef.of("a.b", "c");
    AuditRecord one = TestRecords.row(inner, PrimaryKey.of("id", 1)).insert(order(1, "inner")).at(T0).build();
    AuditRecord two = TestRecords.row(outer, PrimaryKey.of("id", 1)).insert(order(1, "outer")).at(T0).build();
    store.append(List.of(one, two));

    assertThat(all(AuditQuery.byTable(inner), SortOrder.OLDEST_FIRST, 10)).containsExactly(one);
    assertThat(all(AuditQuery.byTable(outer), SortOrder.OLDEST_FIRST, 10)).containsExactly(two);
  }

  @Test
  @DisplayName("lists an update that moved a row to another key once")
  void primaryKeyChange() {
    AuditRecord insert = TestRecords.row("shop.orders", 1).insert(order(1, "new")).at(T0).build();
    AuditRecord move = TestRecords.row("shop.orders", 2).update(order(1, "new"), order(2, "new")).at(T0.plusSeconds(1)).build();
    AuditRecord later = TestRecords.row("shop.orders", 2).update(order(2, "new"), order(2, "paid")).at(T0.plusSeconds(2)).build();
    store.append(List.of(insert, move, later));

    assertThat(all(AuditQuery.byTable(ORDERS), SortOrder.OLDEST_FIRST, 10)).containsExactly(insert, move, later);
  }
}
