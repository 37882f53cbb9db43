package io.cdcaudit.cassandra;

import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.RetentionStoreContract;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

@DisplayName("The Cassandra store passes every tier of the store contract against a real Cassandra 5.0.9")
class CassandraAuditStoreContractTest {

  @Nested
  @DisplayName("tier 1: append")
  class Append extends AuditStoreContract {
    @Override
    protected AuditStore createStore() {
      return SharedCassandra.emptyStore();
    }

    @Override
    protected Optional<AuditStore> createRefusingStore() {
      // A keyspace that was never created, as after a typo or before the schema was applied.
      return Optional.of(CassandraAuditStore.builder(SharedCassandra.session()).keyspace("no_such_keyspace").build());
    }
  }

  @Nested
  @DisplayName("tier 2: queries")
  class Queries extends AuditQueriesContract {
    @Override
    protected AuditStore createStore() {
      return SharedCassandra.emptyStore();
    }

    @Override
    protected AuditQueries queriesOf(AuditStore store) {
      return (CassandraAuditStore) store;
    }
  }

  @Nested
  @DisplayName("tier 3: retention")
  class Retention extends RetentionStoreContract {
    @Override
    protected AuditStore createStore() {
      return SharedCassandra.emptyStore();
    }

    @Override
    protected RetentionStore retentionOf(AuditStore store) {
      return (CassandraAuditStore) store;
    }
  }
}
