package io.cdcaudit.mongo;

import com.mongodb.client.MongoClient;
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
import io.cdcaudit.testservers.TestServers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * Every tier of the store contract against {@link TestServers#mongo()}: the MongoDB stand-in of
 * audit-test-servers, or a real mongod when {@code cdcaudit.mongo.uri} / {@code CDCAUDIT_MONGO_URI} is set.
 * Each test gets a database of its own with the schema in place, dropped afterwards.
 *
 * <p>What the stand-in cannot show: TTL expiry (it keeps the index, nothing ever expires; the
 * index definition is asserted in {@link MongoAuditStoreTest}) and multi-document transactions
 * (the store does not use them: idempotent inserts make them unnecessary).
 */
@DisplayName("The MongoDB store passes every tier of the store contract")
class MongoAuditStoreContractTest {

  private static final StoreHarness<MongoAuditStore> HARNESS = new MongoHarness(true);

  /** A store in a database of its own, with or without the TTL index. */
  private record MongoHarness(boolean ttlIndex) implements StoreHarness<MongoAuditStore> {
    @Override
    public MongoAuditStore createStore() {
      MongoAuditStore store = MongoAuditStore.builder(TestServers.mongo().freshDatabase()).ttlIndex(ttlIndex).build();
      store.ensureSchema();
      return store;
    }

    @Override
    public void release(MongoAuditStore store) {
      TestServers.mongo().client().getDatabase(databaseOf(store)).drop();
    }

    @Override
    public long storedCount(MongoAuditStore store) {
      return store.count();
    }

    @Override
    public AuditStore createRefusingStore(MongoAuditStore healthy) {
      // A client closed under the store, as at shutdown or after the application released it.
      MongoClient client = TestServers.mongo().newClient();
      MongoAuditStore store = MongoAuditStore.builder(client, databaseOf(healthy)).build();
      client.close();
      return store;
    }

    private static String databaseOf(MongoAuditStore store) {
      // A database name holds no '.'; the collection's name may.
      return store.namespace().substring(0, store.namespace().indexOf('.'));
    }
  }

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("set up so that it cannot work")
  class Unusable extends UnusableStoreContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by actor")
  class ByActor extends ByActorContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by table")
  class ByTable extends ByTableContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by transaction")
  class ByTransaction extends ByTransactionContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("retention")
  class Retention extends RetentionStoreContract<MongoAuditStore> {
    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("retention, with the TTL index turned off")
  class RetentionWithoutTtl extends RetentionStoreContract<MongoAuditStore> {
    private final StoreHarness<MongoAuditStore> withoutTtl = new MongoHarness(false);

    @Override
    protected StoreHarness<MongoAuditStore> harness() {
      return withoutTtl;
    }
  }
}
