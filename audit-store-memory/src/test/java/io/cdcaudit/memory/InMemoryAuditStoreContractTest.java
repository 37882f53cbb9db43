package io.cdcaudit.memory;

import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.RetentionStoreContract;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

@DisplayName("The in-memory store passes every tier of the store contract")
class InMemoryAuditStoreContractTest {

  @Nested
  @DisplayName("tier 1: append")
  class Append extends AuditStoreContract {
    @Override
    protected AuditStore createStore() {
      return new InMemoryAuditStore();
    }

    @Override
    protected Optional<AuditStore> createRefusingStore() {
      return Optional.empty(); // nothing to misconfigure: no server, no credentials
    }
  }

  @Nested
  @DisplayName("tier 2: queries")
  class Queries extends AuditQueriesContract {
    @Override
    protected AuditStore createStore() {
      return new InMemoryAuditStore();
    }

    @Override
    protected AuditQueries queriesOf(AuditStore store) {
      return (InMemoryAuditStore) store;
    }
  }

  @Nested
  @DisplayName("tier 3: retention")
  class Retention extends RetentionStoreContract {
    @Override
    protected AuditStore createStore() {
      return new InMemoryAuditStore();
    }

    @Override
    protected RetentionStore retentionOf(AuditStore store) {
      return (InMemoryAuditStore) store;
    }
  }
}
