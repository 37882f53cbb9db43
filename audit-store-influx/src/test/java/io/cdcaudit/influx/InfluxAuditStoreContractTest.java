package io.cdcaudit.influx;

import io.cdcaudit.store.AuditStore;
import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.ByActorContract;
import io.cdcaudit.tck.store.ByTableContract;
import io.cdcaudit.tck.store.ByTransactionContract;
import io.cdcaudit.tck.store.RetentionStoreContract;
import io.cdcaudit.tck.store.RowHistoryContract;
import io.cdcaudit.tck.store.StateAtContract;
import io.cdcaudit.tck.store.StoreHarness;
import io.cdcaudit.tck.store.UnusableStoreContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

import java.time.Duration;

/**
 * Every tier of the store contract against the real influxd 1.6.7 of {@link SharedInflux}, a database per test, with
 * two expiring retention policies beside the keeping one so that every query reads several policies.
 */
@DisplayName("The InfluxDB store passes every tier of the store contract against a real influxd 1.6.7")
class InfluxAuditStoreContractTest {

  private static final StoreHarness<InfluxAuditStore> HARNESS = new StoreHarness<>() {
    @Override
    public InfluxAuditStore createStore() {
      // A writer lane: the kit stores a record of an SQS standard queue, which needs one.
      return SharedInflux.emptyStore(b -> b.writerLane("kit").expiringPolicy("days_30", Duration.ofDays(30))
          .expiringPolicy("years_7", Duration.ofDays(7 * 366)));
    }

    @Override
    public void release(InfluxAuditStore store) {
      SharedInflux.drop(store);
    }

    @Override
    public long storedCount(InfluxAuditStore store) {
      return store.count();
    }

    @Override
    public AuditStore createRefusingStore(InfluxAuditStore healthy) {
      // A database that was never created, as after a typo or before ensureSchema().
      return InfluxAuditStore.builder(SharedInflux.client()).database("no_such_database").build();
    }
  };

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("set up so that it cannot work")
  class Unusable extends UnusableStoreContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by actor")
  class ByActor extends ByActorContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by table")
  class ByTable extends ByTableContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by transaction")
  class ByTransaction extends ByTransactionContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("retention")
  class Retention extends RetentionStoreContract<InfluxAuditStore> {
    @Override
    protected StoreHarness<InfluxAuditStore> harness() {
      return HARNESS;
    }
  }
}
