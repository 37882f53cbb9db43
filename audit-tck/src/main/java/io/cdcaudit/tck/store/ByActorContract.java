package io.cdcaudit.tck.store;

import static io.cdcaudit.tck.store.QueryFixtures.END_OF_TIME;
import static io.cdcaudit.tck.store.QueryFixtures.T0;
import static io.cdcaudit.tck.store.QueryFixtures.ids;
import static io.cdcaudit.tck.store.QueryFixtures.order;
import static io.cdcaudit.tck.store.QueryFixtures.orderOneLifecycle;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The by-actor tier of the query contract: the changes one actor made, in a time range.
 *
 * @param <S> the store type
 */
public abstract class ByActorContract<S extends AuditStore & AuditQueries> extends QueryTierContract<S> {

  /** For a store's test. */
  protected ByActorContract() {}

  @Override
  protected final AuditQuery.Kind kind() {
    return AuditQuery.Kind.BY_ACTOR;
  }

  @Test
  @DisplayName("the changes an actor made, in a time range")
  void byActor() {
    List<AuditRecord> records = orderOneLifecycle(store);

    List<AuditRecord> alice = all(AuditQuery.byActor("alice"), SortOrder.OLDEST_FIRST, 2);
    List<AuditRecord> aliceLater = all(AuditQuery.byActor("alice").within(TimeRange.since(T0.plusSeconds(6))), SortOrder.OLDEST_FIRST, 2);

    assertThat(ids(alice)).containsExactly(ids(records).get(0), ids(records).get(4), ids(records).get(5), ids(records).get(2));
    assertThat(ids(aliceLater)).containsExactly(ids(records).get(5), ids(records).get(2));
    assertThat(all(AuditQuery.byActor("nobody"), SortOrder.OLDEST_FIRST, 5)).isEmpty();
  }

  @Test
  @DisplayName("reaches the end of time (Instant.MAX) and before 1970")
  void endOfTime() {
    orderOneLifecycle(store);

    assertThat(all(AuditQuery.byActor("alice").within(TimeRange.between(Instant.parse("1900-01-01T00:00:00Z"), END_OF_TIME)),
        SortOrder.OLDEST_FIRST, 10)).hasSize(4);
    assertThat(all(AuditQuery.byActor("alice").within(TimeRange.before(Instant.MAX)), SortOrder.NEWEST_FIRST, 3)).hasSize(4);
  }

  @Test
  @DisplayName("a change whose actor is unknown is found by no actor's name")
  void unknownActor() {
    AuditRecord anonymous = TestRecords.row("shop.orders", 8).insert(order(8, "new")).at(T0).build();
    store.append(List.of(anonymous));

    assertThat(all(AuditQuery.byActor("unknown"), SortOrder.OLDEST_FIRST, 10)).isEmpty();
    assertThat(all(AuditQuery.byActor("null"), SortOrder.OLDEST_FIRST, 10)).isEmpty();
  }
}
