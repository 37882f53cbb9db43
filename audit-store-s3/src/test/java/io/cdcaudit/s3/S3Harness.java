package io.cdcaudit.s3;

import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.s3.internal.GzipLines;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.tck.store.StoreHarness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store kit's harness on one S3 emulator: a bucket of its own per test, a store that folds its index every
 * three appends (so the kit runs over batch indexes and buckets both), and a count of the distinct event ids in the
 * data objects, read from the bucket itself.
 */
final class S3Harness implements StoreHarness<S3AuditStore> {

  private final S3Client client;
  private final Supplier<String> newBucket;
  private final Function<S3AuditStore.Builder, S3AuditStore.Builder> settings;

  S3Harness(S3Client client, Supplier<String> newBucket, Function<S3AuditStore.Builder, S3AuditStore.Builder> settings) {
    this.client = client;
    this.newBucket = newBucket;
    this.settings = settings;
  }

  @Override
  public S3AuditStore createStore() {
    return settings.apply(S3AuditStore.builder(client).bucket(newBucket.get()).prefix("trail/").compactEvery(3))
        .build();
  }

  @Override
  public long storedCount(S3AuditStore store) {
    return distinctIds(client, store.bucket(), store.prefix() + "data/").size();
  }

  @Override
  public AuditStore createRefusingStore(S3AuditStore healthy) {
    // A bucket that does not exist, as after a typo in the configuration.
    return S3AuditStore.builder(client).bucket(healthy.bucket() + "-missing").build();
  }

  /** The distinct event ids in every object under {@code prefix}. */
  static Set<String> distinctIds(S3Client client, String bucket, String prefix) {
    Set<String> ids = new HashSet<>();
    for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
      byte[] bytes = client.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asByteArray();
      List<byte[]> lines;
      try {
        lines = GzipLines.read(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(object.key(), e);
      }
      lines.forEach(line -> ids.add(AuditRecordJson.fromBytes(line).id().value()));
    }
    return ids;
  }
}
