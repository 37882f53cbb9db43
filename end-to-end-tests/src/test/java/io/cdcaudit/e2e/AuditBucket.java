package io.cdcaudit.e2e;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.s3.S3AuditStore;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.S3MockServer;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The audit trail of one end-to-end test in S3: a bucket of its own on S3Mock (audit-test-servers), read two ways:
 * {@link #dataObjects()} from the objects themselves, {@link #queriedRecords(TableRef)} through an
 * {@link S3AuditStore} of this JVM. {@link S3PipelineMain} JVMs write to {@link #endpoint()}, {@link #bucket()},
 * under {@link #PREFIX}.
 */
final class AuditBucket implements AutoCloseable {

  static final String PREFIX = "trail/";

  private final S3MockServer server;
  private final String bucket;
  private final S3Client client;
  private final S3AuditStore store;
  private final DataObjectLines dataObjects;

  private AuditBucket(S3MockServer server, String bucket, S3Client client) {
    this.server = server;
    this.bucket = bucket;
    this.client = client;
    this.store = S3AuditStore.builder(client).bucket(bucket).prefix(PREFIX).build();
    this.dataObjects = new DataObjectLines(client, bucket, store.prefix() + "data/");
  }

  /** A new bucket named {@code <name>-<8 hex>} on {@code server}. */
  static AuditBucket create(S3MockServer server, String name) {
    return new AuditBucket(server, S3Buckets.createUnique(server, name), S3Buckets.client(server));
  }

  String endpoint() {
    return server.endpoint().toString();
  }

  String bucket() {
    return bucket;
  }

  DataObjectLines.Tally dataObjects() {
    return dataObjects.tally();
  }

  /** Every record of {@code table} that the store's table query returns, page by page, oldest first. */
  List<AuditRecord> queriedRecords(TableRef table) {
    List<AuditRecord> records = new ArrayList<>();
    PageRequest request = PageRequest.oldestFirst(PageRequest.MAX_SIZE);
    while (true) {
      Page<AuditRecord> page = store.find(AuditQuery.byTable(table), request);
      records.addAll(page.items());
      if (!page.hasNext()) {
        return records;
      }
      request = request.next(page.next().orElseThrow());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
