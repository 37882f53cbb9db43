package io.cdcaudit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.RetentionStoreContract;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Every tier of the store contract against the server of {@link MongoTestServer}: the in-process
 * stand-in, or a real mongod when {@code cdcaudit.mongo.uri} / {@code CDCAUDIT_MONGO_URI} is set.
 * Each test gets a database of its own with the schema in place, dropped afterwards.
 *
 * <p>What the stand-in cannot show: TTL expiry (it keeps the index, nothing ever expires; the
 * index definition is asserted in {@link MongoAuditStoreTest}) and multi-document transactions
 * (the store does not use them: idempotent inserts make them unnecessary).
 */
@DisplayName("The MongoDB store passes every tier of the store contract")
class MongoAuditStoreContractTest {

  private static MongoAuditStore freshStore(MongoDatabase database) {
    MongoAuditStore store = MongoAuditStore.builder(database).build();
    store.ensureSchema();
    return store;
  }

  @Nested
  @DisplayName("tier 1: append")
  class Append extends AuditStoreContract {
    private MongoDatabase database;

    @Override
    protected AuditStore createStore() {
      database = MongoTestServer.get().freshDatabase();
      return freshStore(database);
    }

    @Override
    protected void releaseStore(AuditStore store) {
      MongoTestServer.get().drop(database);
    }

    @Override
    protected Optional<AuditStore> createRefusingStore() {
      // A client closed under the store, as at shutdown or after the application released it.
      MongoClient client = MongoTestServer.get().newClient();
      MongoAuditStore store = MongoAuditStore.builder(client, database.getName()).build();
      client.close();
      return Optional.of(store);
    }
  }

  @Nested
  @DisplayName("tier 2: queries")
  class Queries extends AuditQueriesContract {
    private MongoDatabase database;

    @Override
    protected AuditStore createStore() {
      database = MongoTestServer.get().freshDatabase();
      return freshStore(database);
    }

    @Override
    protected AuditQueries queriesOf(AuditStore store) {
      return (MongoAuditStore) store;
    }

    @Override
    protected void releaseStore(AuditStore store) {
      MongoTestServer.get().drop(database);
    }
  }

  @Nested
  @DisplayName("tier 3: retention")
  class Retention extends RetentionStoreContract {
    private MongoDatabase database;

    @Override
    protected AuditStore createStore() {
      database = MongoTestServer.get().freshDatabase();
      return freshStore(database);
    }

    @Override
    protected RetentionStore retentionOf(AuditStore store) {
      return (MongoAuditStore) store;
    }

    @Override
    protected void releaseStore(AuditStore store) {
      MongoTestServer.get().drop(database);
    }
  }

  @Nested
  @DisplayName("tier 3: retention, with the TTL index turned off")
  class RetentionWithoutTtl extends RetentionStoreContract {
    private MongoDatabase database;

    @Override
    protected AuditStore createStore() {
      database = MongoTestServer.get().freshDatabase();
      MongoAuditStore store = MongoAuditStore.builder(database).ttlIndex(false).build();
      store.ensureSchema();
      return store;
    }

    @Override
    protected RetentionStore retentionOf(AuditStore store) {
      return (MongoAuditStore) store;
    }

    @Override
    protected void releaseStore(AuditStore store) {
      MongoTestServer.get().drop(database);
    }
  }
}
