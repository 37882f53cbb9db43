package io.cdcaudit.tck.store;

import static io.cdcaudit.tck.store.QueryFixtures.T0;
import static io.cdcaudit.tck.store.QueryFixtures.ids;
import static io.cdcaudit.tck.store.QueryFixtures.order;
import static io.cdcaudit.tck.store.QueryFixtures.orderOneLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.tck.TestRecords;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The by-transaction tier of the query contract: the changes of one transaction, across tables, ids matched exactly.
 *
 * @param <S> the store type
 */
public abstract class ByTransactionContract<S extends AuditStore & AuditQueries> extends QueryTierContract<S> {

  /** For a store's test. */
  protected ByTransactionContract() {}

  @Override
  protected final AuditQuery.Kind kind() {
    return AuditQuery.Kind.BY_TRANSACTION;
  }

  @Test
  @DisplayName("the changes of a transaction, across tables")
  void byTransaction() {
    List<AuditRecord> records = orderOneLifecycle(store);

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
