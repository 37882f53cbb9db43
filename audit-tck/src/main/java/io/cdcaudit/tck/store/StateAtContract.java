package io.cdcaudit.tck.store;

import static io.cdcaudit.tck.store.QueryFixtures.ORDERS;
import static io.cdcaudit.tck.store.QueryFixtures.T0;
import static io.cdcaudit.tck.store.QueryFixtures.order;
import static io.cdcaudit.tck.store.QueryFixtures.orderOneLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.trail.AuditTrail;
import io.cdcaudit.trail.RowState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The state-at-a-time tier of the query contract: {@link AuditTrail#stateAt} over the store, which
 * it answers from the row's history (so the store must serve
 * {@link AuditQuery.Kind#ROW_HISTORY}).
 *
 * @param <S> the store type
 */
public abstract class StateAtContract<S extends AuditStore & AuditQueries> extends StoreContract<S> {

  /** For a store's test. */
  protected StateAtContract() {}

  @Test
  @DisplayName("the store serves row histories, which a row's state is made from")
  void servesRowHistory() {
    assertThat(store.supportedQueries()).as("supportedQueries() of " + store).contains(AuditQuery.Kind.ROW_HISTORY);
  }


  @Test
  @DisplayName("is unknown before its first change, the inserted row after it, the new row after an update, and gone after the delete")
  void followsTheRow() {
    orderOneLifecycle(store);
    AuditTrail trail = AuditTrail.over(store);
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
    orderOneLifecycle(store);
    AuditTrail trail = AuditTrail.over(store);

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
    AuditTrail trail = AuditTrail.over(store);

    Optional<RowState> old = trail.stateAt(ORDERS, PrimaryKey.of("id", 1), T0.plusSeconds(5));
    assertThat(old.map(RowState::exists)).contains(false);
    assertThat(old.map(RowState::row)).contains(Row.EMPTY);
    assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 1), T0).map(RowState::row)).contains(order(1, "new"));
    assertThat(trail.stateAt(ORDERS, PrimaryKey.of("id", 2), T0.plusSeconds(5)).map(RowState::row)).contains(order(2, "new"));
  }
}
