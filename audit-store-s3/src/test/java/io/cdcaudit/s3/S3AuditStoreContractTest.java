package io.cdcaudit.s3;

import io.cdcaudit.tck.store.RetentionStoreContract;
import io.cdcaudit.tck.store.StoreHarness;
import io.cdcaudit.tck.store.UnusableStoreContract;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** Every tier of the store contract on S3Mock 5.2.0, a bucket per test. */
@DisplayName("The S3 store passes every tier of the store contract on S3Mock")
class S3AuditStoreContractTest extends S3AppendAndQueryTiers {

  private static final StoreHarness<S3AuditStore> HARNESS = new S3Harness(S3Buckets.client(TestServers.s3Mock()),
      () -> S3Buckets.createUnique(TestServers.s3Mock(), "kit"), b -> b);

  @Override
  StoreHarness<S3AuditStore> kit() {
    return HARNESS;
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
  @DisplayName("retention")
  class Retention extends RetentionStoreContract<S3AuditStore> {
    @Override
    protected StoreHarness<S3AuditStore> harness() {
      return HARNESS;
    }
  }
}
