package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.s3.S3AuditStore;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * How many distinct records an {@link S3AuditStore} holds, counted as a query engine reading the trail would: every
 * data object under each table's prefix listed and read, its lines parsed, the ids de-duplicated (a batch replayed in
 * another cut may put a record into two objects). The store has no count of its own; this runs after a measured run.
 */
final class S3TrailCount {

  private S3TrailCount() {}

  /** The distinct record ids in the data objects of {@code store}, read through {@code client}. */
  static long distinctIds(S3Client client, S3AuditStore store) {
    Set<String> ids = new HashSet<>();
    for (TableRef table : store.tables()) {
      for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(store.bucket()).prefix(store.tablePrefix(table))).contents()) {
        byte[] bytes = client.getObjectAsBytes(r -> r.bucket(store.bucket()).key(object.key())).asByteArrayUnsafe();
        for (byte[] line : GzipNdjson.lines(bytes)) {
          ids.add(AuditRecordJson.fromBytes(line).id().value());
        }
      }
    }
    return ids.size();
  }
}
