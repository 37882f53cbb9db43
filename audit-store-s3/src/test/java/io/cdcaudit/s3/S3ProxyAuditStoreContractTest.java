package io.cdcaudit.s3;

import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.ByActorContract;
import io.cdcaudit.tck.store.ByTableContract;
import io.cdcaudit.tck.store.ByTransactionContract;
import io.cdcaudit.tck.store.RowHistoryContract;
import io.cdcaudit.tck.store.StateAtContract;
import io.cdcaudit.tck.store.StoreHarness;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The append and query tiers on a second, independent S3 implementation: S3Proxy 4.1.0 over the file system (no
 * lifecycle, lock or versioning, so no retention tier here).
 */
@DisplayName("The S3 store passes the append and query tiers of the store contract on S3Proxy")
class S3ProxyAuditStoreContractTest {

  private static final StoreHarness<S3AuditStore> HARNESS = new S3Harness(S3Buckets.client(TestServers.s3Proxy()),
      () -> S3Buckets.createUnique(TestServers.s3Proxy(), "kit"), b -> b.tagObjects(false));

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by actor")
  class ByActor extends ByActorContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by table and time")
  class ByTable extends ByTableContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("by transaction")
  class ByTransaction extends ByTransactionContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }
}
