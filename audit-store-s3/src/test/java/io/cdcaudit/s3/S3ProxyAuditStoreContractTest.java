package io.cdcaudit.s3;

import io.cdcaudit.tck.store.StoreHarness;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import org.junit.jupiter.api.DisplayName;

/**
 * The append and query tiers on a second, independent S3 implementation: S3Proxy 4.1.0 over the file system, with
 * {@code tagObjects(false)} (it implements no object tags, and no lifecycle or lock, so no retention tier here).
 */
@DisplayName("The S3 store passes the append and query tiers of the store contract on S3Proxy")
class S3ProxyAuditStoreContractTest extends S3AppendAndQueryTiers {

  private static final StoreHarness<S3AuditStore> HARNESS = new S3Harness(S3Buckets.client(TestServers.s3Proxy()),
      () -> S3Buckets.createUnique(TestServers.s3Proxy(), "kit"), b -> b.tagObjects(false));

  @Override
  StoreHarness<S3AuditStore> kit() {
    return HARNESS;
  }
}
