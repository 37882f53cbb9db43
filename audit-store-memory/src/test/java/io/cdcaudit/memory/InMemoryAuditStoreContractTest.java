package io.cdcaudit.memory;

import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.ByActorContract;
import io.cdcaudit.tck.store.ByTableContract;
import io.cdcaudit.tck.store.ByTransactionContract;
import io.cdcaudit.tck.store.RetentionStoreContract;
import io.cdcaudit.tck.store.RowHistoryContract;
import io.cdcaudit.tck.store.StateAtContract;
import io.cdcaudit.tck.store.StoreHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Every tier of the store kit but the unusable-store one: the in-memory store has no server, no
 * credentials and no schema, so no state in which it cannot work.
 */
@DisplayName("The in-memory store passes every tier of the store contract")
class InMemoryAuditStoreContractTest {

  private static final StoreHarness<InMemoryAuditStore> HARNESS = new StoreHarness<>() {
    @Override
    public InMemoryAuditStore createStore() {
      return new InMemoryAuditStore();
    }

    @Override
    public long storedCount(InMemoryAuditStore store) {
      return store.count();
    }
  };

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by actor")
  class ByActor extends ByActorContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by table")
  class ByTable extends ByTableContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by transaction")
  class ByTransaction extends ByTransactionContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("retention")
  class Retention extends RetentionStoreContract<InMemoryAuditStore> {
    @Override
    protected StoreHarness<InMemoryAuditStore> harness() {
      return HARNESS;
    }
  }
}
