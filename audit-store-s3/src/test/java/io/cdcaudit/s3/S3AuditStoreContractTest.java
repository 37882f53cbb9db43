package io.cdcaudit.s3;

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
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** Every tier of the store contract on S3Mock 5.2.0, a bucket per test. */
@DisplayName("The S3 store passes every tier of the store contract on S3Mock")
class S3AuditStoreContractTest {

  private static final StoreHarness<S3AuditStore> HARNESS = new S3Harness(S3Buckets.client(TestServers.s3Mock()),
      () -> S3Buckets.createUnique(TestServers.s3Mock(), "kit"), b -> b);

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("set up so that it cannot work")
  class Unusable extends UnusableStoreContract<S3AuditStore> {
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

  @Nested
  @DisplayName("retention")
  class Retention extends RetentionStoreContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }
}
