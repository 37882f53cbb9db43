package io.cdcaudit.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.s3.S3AuditStore;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.S3MockServer;
import io.cdcaudit.testservers.TestServers;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the S3 rows of the harness rest on, on S3Mock: the raw write's bytes are the store's, the count is exact. */
@DisplayName("The benchmark's S3 rows")
class S3RowsTest {

  private static S3MockServer server;
  private static S3Client client;

  @BeforeAll
  static void connect() {
    server = TestServers.s3Mock();
    client = S3Buckets.client(server);
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  private static S3AuditStore freshStore() {
    return S3AuditStore.builder(client).bucket(S3Buckets.createUnique(server, "bench-test")).prefix("trail/").build();
  }

  @Test
  @DisplayName("the raw PutObject writes the bytes the store writes for the same records")
  void rawBytesAreTheStores() throws Exception {
    // One table, one commit day, one retention class: the store writes them into one data object, in sort-key order.
    List<AuditRecord> orders = RawStore.records(40).stream()
        .filter(r -> r.event().table().table().equals("orders"))
        .sorted(Comparator.comparing(AuditRecord::sortKey))
        .toList();
    S3AuditStore store = freshStore();
    store.append(orders);

    List<S3Object> data = client.listObjectsV2(r -> r.bucket(store.bucket()).prefix("trail/data/")).contents();
    assertThat(data).hasSize(1);
    byte[] written = client.getObjectAsBytes(r -> r.bucket(store.bucket()).key(data.get(0).key())).asByteArray();
    assertThat(written).isEqualTo(GzipNdjson.encode(orders));
  }

  @Test
  @DisplayName("the trail count sees every record once, also one stored twice by batches cut differently")
  void countsDistinctRecords() throws Exception {
    List<AuditRecord> records = RawStore.records(100);
    S3AuditStore store = freshStore();
    store.append(records.subList(0, 60));
    store.append(records.subList(50, 100)); // 50 to 59 again, in another cut: other objects

    assertThat(S3TrailCount.distinctIds(client, store)).isEqualTo(100);
  }
}
