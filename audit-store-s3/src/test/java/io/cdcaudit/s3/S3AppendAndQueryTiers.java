package io.cdcaudit.s3;

import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.ByActorContract;
import io.cdcaudit.tck.store.ByTableContract;
import io.cdcaudit.tck.store.ByTransactionContract;
import io.cdcaudit.tck.store.RowHistoryContract;
import io.cdcaudit.tck.store.StateAtContract;
import io.cdcaudit.tck.store.StoreHarness;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The append and query tiers of the store kit, which the S3 store passes on every S3 implementation it is tested on;
 * a subclass per implementation gives the harness and adds the tiers that implementation can show.
 */
abstract class S3AppendAndQueryTiers {

  /** The harness on this implementation. */
  abstract StoreHarness<S3AuditStore> kit();

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }

  @Nested
  @DisplayName("by actor")
  class ByActor extends ByActorContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }

  @Nested
  @DisplayName("by table and time")
  class ByTable extends ByTableContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }

  @Nested
  @DisplayName("by transaction")
  class ByTransaction extends ByTransactionContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return kit();
    }
  }
}
