package io.cdcaudit.cassandra;

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

/**
 * Every tier of the store contract against the real Cassandra of {@link SharedCassandra}: one keyspace for the module,
 * its tables truncated before each test.
 */
@DisplayName("The Cassandra store passes every tier of the store contract against a real Cassandra 5.0.9")
class CassandraAuditStoreContractTest {

  private static final StoreHarness<CassandraAuditStore> HARNESS = new StoreHarness<>() {
    @Override
    public CassandraAuditStore createStore() {
      return SharedCassandra.emptyStore();
    }

    @Override
    public long storedCount(CassandraAuditStore store) {
      return store.count();
    }

    @Override
    public AuditStore createRefusingStore(CassandraAuditStore healthy) {
      // A keyspace that was never created, as after a typo or before the schema was applied.
      return CassandraAuditStore.builder(SharedCassandra.session()).keyspace("no_such_keyspace").build();
    }
  };

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("set up so that it cannot work")
  class Unusable extends UnusableStoreContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by actor")
  class ByActor extends ByActorContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by table and time")
  class ByTable extends ByTableContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by transaction")
  class ByTransaction extends ByTransactionContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("retention")
  class Retention extends RetentionStoreContract<CassandraAuditStore> {
    @Override
    protected StoreHarness<CassandraAuditStore> harness() {
      return HARNESS;
    }
  }
}
