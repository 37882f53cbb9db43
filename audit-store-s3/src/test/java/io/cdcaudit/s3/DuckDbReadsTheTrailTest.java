package io.cdcaudit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A query engine reads the trail without this library: DuckDB's JSON reader with Hive partitioning over local copies
 * of the objects the store wrote, and gets the records the store's own queries return.
 */
@DisplayName("DuckDB reads what the S3 store wrote")
class DuckDbReadsTheTrailTest {

  private static final Instant T0 = Instant.parse("2026-03-01T22:00:00Z");
  private static final TableRef ORDERS = TableRef.of("shop", "orders");
  private static final TableRef ODD = TableRef.of("größe/db", "t=1");

  @TempDir
  static Path copies;
  private static S3AuditStore store;
  private static List<AuditRecord> written;
  private static String glob;

  @BeforeAll
  static void writeAndCopyTheTrail() throws Exception {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "duckdb");
    S3Client client = S3Buckets.client(TestServers.s3Mock());
    store = S3AuditStore.builder(client).bucket(bucket).prefix("trail").compactEvery(2).build();
    written = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      TableRef table = i % 10 == 0 ? ODD : ORDERS;
      written.add(TestRecords.row(table, PrimaryKey.of("id", Value.of((long) i % 37)))
          .update(Row.builder().put("id", i % 37).put("total", Value.of(new java.math.BigDecimal("10.50"))).build(),
              Row.builder().put("id", i % 37).put("total", Value.of(new java.math.BigDecimal(i + ".25"))).build())
          .at(T0.plusSeconds(i * 60L)).build());
    }
    for (int from = 0; from < 400; from += 50) {
      store.append(written.subList(from, from + 50));
    }
    store.append(written.subList(25, 125)); // a replay in another cut: 100 records in objects a second time

    for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("trail/data/")).contents()) {
      Path local = copies.resolve(object.key());
      Files.createDirectories(local.getParent());
      Files.write(local, client.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asByteArray());
    }
    glob = copies.resolve("trail/data").toString() + "/**/*.ndjson.gz";
  }

  @Test
  @DisplayName("every line is an audit record; de-duplicated by id they are exactly the records the store's queries return")
  void sameRecords() throws Exception {
    List<AuditRecord> engine = new ArrayList<>();
    long lines;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM read_json_objects('" + glob + "', format='newline_delimited')")) {
        rs.next();
        lines = rs.getLong(1);
      }
      try (ResultSet rs = sql.executeQuery("SELECT DISTINCT ON (json->>'id') json FROM read_json_objects('" + glob
          + "', format='newline_delimited') ORDER BY json->>'id', CAST(json->>'recordedAt' AS TIMESTAMPTZ)")) {
        while (rs.next()) {
          engine.add(AuditRecordJson.fromText(rs.getString(1)));
        }
      }
    }

    List<AuditRecord> fromStore = new ArrayList<>(all(ORDERS));
    fromStore.addAll(all(ODD));
    assertThat(lines).as("lines, with the replayed ones").isEqualTo(500);
    assertThat(engine).hasSize(400).containsExactlyInAnyOrderElementsOf(fromStore).containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  @DisplayName("partition columns, unescaped, prune by table and day as the store's table query does")
  void partitions() throws Exception {
    Instant dayStart = Instant.parse("2026-03-02T00:00:00Z");
    Set<String> storeIds = new HashSet<>();
    store.find(AuditQuery.byTable(ORDERS).within(TimeRange.between(dayStart, dayStart.plusSeconds(86_400))),
        PageRequest.oldestFirst(10_000)).items().forEach(r -> storeIds.add(r.id().value()));
    Set<String> engineIds = new HashSet<>();
    List<String> oddNames = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
      try (ResultSet rs = sql.executeQuery("SELECT DISTINCT id FROM read_json('" + glob + "', format='newline_delimited', "
          + "hive_partitioning=true) WHERE database_name = 'shop' AND table_name = 'orders' AND commit_date = DATE '2026-03-02'")) {
        while (rs.next()) {
          engineIds.add(rs.getString(1));
        }
      }
      try (ResultSet rs = sql.executeQuery("SELECT DISTINCT database_name, table_name, \"database\", \"table\" FROM read_json('"
          + glob + "', format='newline_delimited', hive_partitioning=true) WHERE table_name <> 'orders'")) {
        while (rs.next()) {
          oddNames.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
        }
      }
    }

    assertThat(storeIds).isNotEmpty().hasSizeLessThan(400);
    assertThat(engineIds).isEqualTo(storeIds);
    assertThat(oddNames).containsExactly("größe/db|t=1|größe/db|t=1");
  }

  private static List<AuditRecord> all(TableRef table) {
    List<AuditRecord> records = new ArrayList<>();
    PageRequest request = PageRequest.oldestFirst(64);
    while (true) {
      Page<AuditRecord> page = store.find(AuditQuery.byTable(table), request);
      records.addAll(page.items());
      if (!page.hasNext()) {
        return records;
      }
      request = request.next(page.nextCursor());
    }
  }
}
