package io.cdcaudit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The requests the store makes, counted at the client as S3 bills them: per appended batch (and so per 1,000,000
 * records) and per query kind. Counts, not times: they do not depend on the machine, so they are checked here and
 * written to {@code target/s3-request-counts.md} for the README.
 */
@DisplayName("S3 requests per record and per query")
class RequestCountsTest {

  private static final int RECORDS = 50_000;
  private static final int BATCH = 500;
  private static final int TABLES = 4;
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  /** S3 Standard, us-east-1 list prices: PUT, COPY, POST and LIST per 1,000 requests; GET per 1,000. */
  private static final double PUT_PRICE = 0.005 / 1000;
  private static final double GET_PRICE = 0.0004 / 1000;

  private static final RequestLog REQUESTS = new RequestLog();
  private static final S3Client CLIENT = S3Buckets.client(TestServers.s3Mock(),
      b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(REQUESTS)));
  private static final StringBuilder REPORT = new StringBuilder();
  private static String bucket;
  private static List<AuditRecord> records;
  private static long appendPuts;

  @BeforeAll
  static void writeTheTrail() {
    bucket = S3Buckets.createUnique(TestServers.s3Mock(), "requests");
    records = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      // one day of changes to 4 tables, 2,000 rows each, 50 actors, transactions of 5 changes
      records.add(TestRecords.row(TableRef.of("shop", "table_" + i % TABLES), PrimaryKey.of("id", Value.of((long) (i / TABLES) % 2_000)))
          .insert(Row.builder().put("id", (i / TABLES) % 2_000).put("status", "s" + i).build())
          .at(T0.plusMillis(i * 1_700L))
          .transaction(new TransactionRef("tx-" + i / 5, i % 5, i % 5 == 4))
          .actor("user-" + i % 50, Actor.Source.SQL_COMMENT, Map.of())
          .expiresAt(T0.plusSeconds(86_400L * 365))
          .build());
    }
    S3AuditStore store = S3AuditStore.builder(CLIENT).bucket(bucket).build(); // defaults: compactEvery 50
    REQUESTS.clear();
    for (int from = 0; from < RECORDS; from += BATCH) {
      store.append(records.subList(from, from + BATCH));
    }
    Map<String, Long> counts = REQUESTS.counts();
    long puts = counts.getOrDefault("PutObject", 0L);
    appendPuts = puts;
    long gets = counts.getOrDefault("GetObject", 0L);
    long lists = counts.getOrDefault("ListObjectsV2", 0L);
    long deletes = counts.getOrDefault("DeleteObjects", 0L);
    double perMillion = 1_000_000.0 / RECORDS;
    REPORT.append(String.format(Locale.ROOT, "Appends: %,d records in batches of %d over %d tables and one day, "
        + "default settings (index folded every 50 appends): %,d PUT, %,d GET, %,d LIST, %,d DeleteObjects.%n%n",
        RECORDS, BATCH, TABLES, puts, gets, lists, deletes));
    REPORT.append("| per 1,000,000 records | PUT | GET | LIST | DeleteObjects | request cost at list prices |\n|---|---|---|---|---|---|\n");
    REPORT.append(String.format(Locale.ROOT, "| appended in batches of %d | %,.0f | %,.0f | %,.0f | %,.0f | $%.2f |%n", BATCH,
        puts * perMillion, gets * perMillion, lists * perMillion, deletes * perMillion,
        ((puts + lists) * PUT_PRICE + gets * GET_PRICE) * perMillion));
    REPORT.append(String.format(Locale.ROOT, "| one `PutObject` per record (for comparison) | 1,000,000 | 0 | 0 | 0 | $%.2f |%n%n",
        1_000_000 * PUT_PRICE));
    REPORT.append("| query (first page of 100; cold: a new store instance, warm: the same query again) | cold requests | warm requests |\n|---|---|---|\n");
  }

  @AfterAll
  static void writeReport() throws IOException {
    CLIENT.close();
    Path out = Path.of("target", "s3-request-counts.md");
    Files.writeString(out, REPORT);
    System.out.println(REPORT);
  }

  @Test
  @DisplayName("an append of 500 records writes one object per table and day and one batch index; folding adds a bucket's worth every 50")
  void appendRequests() {
    long batches = RECORDS / BATCH;
    // per batch: 4 data objects + 1 batch index; per fold: at most 64 bucket segments
    assertThat(appendPuts).isBetween(batches * (TABLES + 1), batches * (TABLES + 1) + (batches / 50) * 64);
  }

  @Test
  @DisplayName("queries read one bucket, the batch indexes not yet folded and the page's data objects; a table query a day's objects")
  void queryRequests() {
    TableRef table = TableRef.of("shop", "table_1");
    PrimaryKey row = records.get(1).event().primaryKey();
    AuditRecord someone = records.get(12_345);
    Instant hourStart = T0.plusSeconds(6 * 3600);
    long rowHistory = measure("a row's history", () -> AuditQuery.rowHistory(table, row));
    long actor = measure("an actor's changes (1,000 in all)", () -> AuditQuery.byActor("user-7"));
    long tx = measure("a transaction", () -> AuditQuery.byTransaction(someone.event().transaction().orElseThrow().id()));
    long tableAll = measure("a table's changes, all times", () -> AuditQuery.byTable(table));
    long tableHour = measure("a table's changes in one hour", () -> AuditQuery.byTable(table).within(TimeRange.between(hourStart, hourStart.plusSeconds(3600))));
    long byId = measureFind(someone);

    // through the index: 2 LIST + the bucket's segments (two folds: at most two) + the batch indexes not yet folded
    // (none here: 100 appends, folded at 50 and 100) + at most one data object per record of the page
    assertThat(rowHistory).isLessThanOrEqualTo(4 + 7);
    assertThat(tx).isLessThanOrEqualTo(4 + 5);
    assertThat(byId).isLessThanOrEqualTo(4 + 1);
    assertThat(actor).isLessThanOrEqualTo(4 + 100);
    // a table: its days and the day's objects (2 LIST), and only the objects that can hold the page
    assertThat(tableAll).isLessThanOrEqualTo(2 + 2);
    assertThat(tableHour).isLessThanOrEqualTo(2 + 3);
  }

  private long measure(String what, Supplier<AuditQuery> query) {
    S3AuditStore cold = S3AuditStore.builder(CLIENT).bucket(bucket).build();
    REQUESTS.clear();
    int found = cold.find(query.get(), PageRequest.oldestFirst(100)).items().size();
    long coldRequests = total();
    String coldDetail = describe(coldRequests);
    REQUESTS.clear();
    cold.find(query.get(), PageRequest.oldestFirst(100));
    REPORT.append(String.format(Locale.ROOT, "| %s: %d records | %s | %s |%n", what, found, coldDetail, describe(total())));
    assertThat(found).isPositive();
    return coldRequests;
  }

  private long measureFind(AuditRecord record) {
    S3AuditStore cold = S3AuditStore.builder(CLIENT).bucket(bucket).build();
    REQUESTS.clear();
    assertThat(cold.find(record.id())).contains(record);
    long coldRequests = total();
    String coldDetail = describe(coldRequests);
    REQUESTS.clear();
    cold.find(record.id());
    REPORT.append(String.format(Locale.ROOT, "| a record by its id | %s | %s |%n", coldDetail, describe(total())));
    return coldRequests;
  }

  private static long total() {
    return REQUESTS.counts().values().stream().mapToLong(Long::longValue).sum();
  }

  private static String describe(long total) {
    return total + " (" + REQUESTS.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .reduce((a, b) -> a + ", " + b).orElse("none") + ")";
  }
}
