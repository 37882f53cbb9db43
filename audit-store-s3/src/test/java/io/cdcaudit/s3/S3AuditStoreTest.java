package io.cdcaudit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.EventId;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.TestServers;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/** What the kit does not check: layout, names, replays in other cuts, compaction beside writers, lock, lifecycle. */
@DisplayName("S3AuditStore on S3Mock")
class S3AuditStoreTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final RequestLog REQUESTS = new RequestLog();
  private static final S3Client CLIENT = S3Buckets.client(TestServers.s3Mock(),
      b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(REQUESTS)));

  @AfterAll
  static void closeClient() {
    CLIENT.close();
  }

  private static S3AuditStore newStore(String bucket) {
    return S3AuditStore.builder(CLIENT).bucket(bucket).prefix("audit/prod").compactEvery(0).build();
  }

  private static List<String> keys(String bucket, String prefix) {
    return CLIENT.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
        .toList();
  }

  @Test
  @DisplayName("one data object per (table, day) of a batch, under Hive partitions, and one batch index")
  void layout() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "layout");
    S3AuditStore store = newStore(bucket);
    List<AuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(TestRecords.insert(i % 2 == 0 ? "shop.orders" : "shop.items", i, T0.plusSeconds(i * 600L)));
    }
    REQUESTS.clear();

    store.append(batch);

    // 300 records over 2 tables and 3 days (50 hours): 6 data objects, 1 batch index, nothing per record
    assertThat(REQUESTS.count("PutObject")).isEqualTo(7);
    List<String> data = keys(bucket, "audit/prod/data/");
    assertThat(data).hasSize(6).allMatch(k -> k.matches("audit/prod/data/database_name=shop/table_name=(orders|items)/"
        + "commit_date=2026-03-0[123]/\\d{17}-\\d{17}-kept-[0-9a-f]{32}\\.ndjson\\.gz"));
    assertThat(keys(bucket, "audit/prod/index/v1/batches/")).hasSize(1);
    assertThat(store.tables()).containsExactly(TableRef.of("shop", "items"), TableRef.of("shop", "orders"));
  }

  @Test
  @DisplayName("names with '/', '=', '%', '..', spaces and unicode are escaped in keys and round-trip exactly")
  void unsafeNames() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "names");
    S3AuditStore store = newStore(bucket);
    List<TableRef> tables = List.of(TableRef.of("a/b=c", ".."), TableRef.of("..", "x%2Fy"), TableRef.of("größe", "表 名"),
        TableRef.of("db", "table_name=evil/commit_date=1999-01-01"), TableRef.of("d.b", "."));
    List<AuditRecord> records = new ArrayList<>();
    for (TableRef table : tables) {
      records.add(TestRecords.row(table, PrimaryKey.of("id", Value.of("k/1=..")))
          .insert(Row.builder().put("id", "k/1=..").build()).at(T0).actor("ünï/côdé=1", io.cdcaudit.record.Actor.Source.SQL_COMMENT, java.util.Map.of()).build());
    }

    store.append(records);

    assertThat(store.tables()).containsExactlyInAnyOrderElementsOf(tables);
    for (int i = 0; i < tables.size(); i++) {
      AuditRecord record = records.get(i);
      assertThat(store.find(record.id())).contains(record);
      assertThat(store.find(AuditQuery.byTable(tables.get(i)), PageRequest.oldestFirst(10)).items()).containsExactly(record);
      assertThat(store.find(AuditQuery.rowHistory(tables.get(i), record.event().primaryKey()), PageRequest.oldestFirst(10))
          .items()).containsExactly(record);
    }
    assertThat(store.find(AuditQuery.byActor("ünï/côdé=1"), PageRequest.oldestFirst(10)).items())
        .containsExactlyInAnyOrderElementsOf(records);
    // every table is exactly one partition: no name cut a key or made another partition
    assertThat(keys(bucket, "audit/prod/data/")).hasSize(tables.size())
        .allMatch(k -> k.split("/").length == 7 && k.split("/")[5].startsWith("commit_date=2026-03-01"));
  }

  @Test
  @DisplayName("a batch replayed in another cut puts records into two objects; queries, find and counts see each once")
  void replayInAnotherCut() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "replay");
    S3AuditStore store = newStore(bucket);
    List<AuditRecord> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(TestRecords.row("shop.orders", i % 3).insert(Row.builder().put("id", i % 3).put("n", i).build())
          .at(T0.plusSeconds(i)).build());
    }

    store.append(all.subList(0, 6));
    store.append(all.subList(0, 6)); // the same cut again: nothing new is written
    store.append(all.subList(3, 10)); // another cut: records 3 to 5 a second time, in another object

    assertThat(keys(bucket, "audit/prod/data/")).hasSize(2);
    assertThat(S3Harness.distinctIds(CLIENT, bucket, "audit/prod/data/")).hasSize(10);
    Page<AuditRecord> table = store.find(AuditQuery.byTable(TableRef.of("shop", "orders")), PageRequest.oldestFirst(100));
    assertThat(table.items()).containsExactlyElementsOf(all);
    assertThat(store.find(AuditQuery.rowHistory(TableRef.of("shop", "orders"), PrimaryKey.of("id", Value.of(0L))),
        PageRequest.oldestFirst(100)).items()).containsExactly(all.get(0), all.get(3), all.get(6), all.get(9));
    store.compactIndex();
    assertThat(store.find(AuditQuery.rowHistory(TableRef.of("shop", "orders"), PrimaryKey.of("id", Value.of(0L))),
        PageRequest.newestFirst(100)).items()).containsExactly(all.get(9), all.get(6), all.get(3), all.get(0));
    all.forEach(r -> assertThat(store.find(r.id())).contains(r));
  }

  @Test
  @DisplayName("a partition compaction rewrites a day without duplicates; the index then points only at objects that are there")
  void partitionCompaction() throws Exception {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "partition");
    S3AuditStore store = newStore(bucket);
    List<AuditRecord> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      all.add(TestRecords.row("shop.orders", i % 25).insert(Row.builder().put("id", i % 25).put("n", i).build())
          .at(T0.plusSeconds(i)).expiresAt(T0.plusSeconds(86_400L * 400 + i)).build());
    }
    for (int from = 0; from < 200; from += 40) {
      store.append(all.subList(from, from + 40));
    }
    store.append(all.subList(20, 140)); // a replay in another cut
    String day = "audit/prod/data/database_name=shop/table_name=orders/commit_date=2026-03-01/";
    assertThat(keys(bucket, day)).hasSize(6);

    // a writer appends the rest while the day is compacted
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> writer = pool.submit(() -> {
      for (int from = 200; from < 300; from += 20) {
        store.append(all.subList(from, from + 20));
      }
    });
    int replaced = store.compactPartition(TableRef.of("shop", "orders"), java.time.LocalDate.parse("2026-03-01"));
    writer.get(1, TimeUnit.MINUTES);
    pool.shutdown();
    store.compactPartition(TableRef.of("shop", "orders"), java.time.LocalDate.parse("2026-03-01"));
    store.compactIndex();

    assertThat(replaced).isGreaterThanOrEqualTo(6);
    assertThat(keys(bucket, day)).hasSize(1);
    assertThat(rawLines(bucket, day)).isEqualTo(300);
    assertThat(store.find(AuditQuery.byTable(TableRef.of("shop", "orders")), PageRequest.oldestFirst(1000)).items())
        .containsExactlyElementsOf(all);
    S3AuditStore fresh = newStore(bucket);
    REQUESTS.clear();
    all.forEach(r -> assertThat(fresh.find(r.id())).contains(r));
    // no GET of an object that is gone: the index's entries of the replaced objects were dropped
    assertThat(REQUESTS.count("GetObject")).isLessThanOrEqualTo(64 + 300);
    java.util.Set<String> existing = new java.util.HashSet<>(keys(bucket, "audit/prod/"));
    for (String segment : keys(bucket, "audit/prod/index/v1/buckets/")) {
      for (byte[] line : io.cdcaudit.s3.internal.GzipLines.read(CLIENT.getObjectAsBytes(r -> r.bucket(bucket).key(segment)).asByteArray())) {
        assertThat(existing).contains("audit/prod/" + io.cdcaudit.s3.internal.IndexEntry.fromLine(line).object());
      }
    }
    assertThat(keys(bucket, "audit/prod/index/v1/gone/")).isEmpty();
  }

  private static long rawLines(String bucket, String prefix) throws java.io.IOException {
    long lines = 0;
    for (String key : keys(bucket, prefix)) {
      lines += io.cdcaudit.s3.internal.GzipLines.read(CLIENT.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).size();
    }
    return lines;
  }

  @Test
  @DisplayName("of two different copies of one id, the one recorded first wins, whatever object or order they came in")
  void firstRecordedCopyWins() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "first");
    S3AuditStore store = newStore(bucket);
    AuditRecord first = TestRecords.row("shop.orders", 1).id("evt-9").insert(Row.builder().put("id", 1).put("v", "first").build())
        .at(T0).recordedAt(T0.plusSeconds(1)).build();
    AuditRecord later = TestRecords.row("shop.orders", 1).id("evt-9").insert(Row.builder().put("id", 1).put("v", "later").build())
        .at(T0.plusSeconds(5)).recordedAt(T0.plusSeconds(60)).build();
    AuditRecord other = TestRecords.insert("shop.orders", 2, T0.plusSeconds(2));

    store.append(List.of(first));
    store.append(List.of(later, other));

    assertThat(store.find(first.id())).contains(first);
    assertThat(store.find(AuditQuery.byTable(TableRef.of("shop", "orders")), PageRequest.oldestFirst(10)).items())
        .containsExactly(first, other);
  }

  @Test
  @DisplayName("compactions beside concurrent writers and readers lose no entry")
  void compactionBesideWriters() throws Exception {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "compact");
    S3AuditStore writer = newStore(bucket);
    S3AuditStore compactor = newStore(bucket);
    List<AuditRecord> all = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      all.add(TestRecords.row("shop.orders", i % 20).insert(Row.builder().put("id", i % 20).put("n", i).build())
          .at(T0.plusMillis(i * 10L)).actor("user-" + i % 7, io.cdcaudit.record.Actor.Source.SQL_COMMENT, java.util.Map.of()).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        work.add(pool.submit(() -> {
          for (int from = offset * 20; from < all.size(); from += 40) {
            writer.append(all.subList(from, from + 20));
          }
        }));
      }
      work.add(pool.submit(() -> {
        for (int i = 0; i < 8; i++) {
          compactor.compactIndex();
          compactor.find(AuditQuery.byActor("user-3"), PageRequest.oldestFirst(50));
        }
      }));
      for (Future<?> f : work) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    compactor.compactIndex();

    assertThat(keys(bucket, "audit/prod/index/v1/batches/")).isEmpty();
    S3AuditStore fresh = newStore(bucket); // no cache
    for (int row = 0; row < 20; row++) {
      int r = row;
      List<AuditRecord> expected = all.stream().filter(x -> x.event().primaryKey().equals(all.get(r).event().primaryKey())).toList();
      assertThat(fresh.find(AuditQuery.rowHistory(TableRef.of("shop", "orders"), all.get(r).event().primaryKey()),
          PageRequest.oldestFirst(1000)).items()).containsExactlyElementsOf(expected);
    }
    assertThat(fresh.find(AuditQuery.byActor("user-3"), PageRequest.oldestFirst(1000)).items())
        .hasSize((int) all.stream().filter(x -> x.actor().name().equals("user-3")).count());
    all.forEach(x -> assertThat(fresh.find(x.id())).contains(x));
  }

  @Test
  @DisplayName("folds file new entries in segments of their own and merge a size tier once it has four: buckets stay small in number")
  void tieredSegments() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "tiers");
    S3AuditStore store = newStore(bucket);
    List<AuditRecord> all = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      all.add(TestRecords.row("shop.orders", i % 10).insert(Row.builder().put("id", i % 10).put("n", i).build())
          .at(T0.plusSeconds(i)).build());
    }
    for (int from = 0; from < all.size(); from += 20) {
      store.append(all.subList(from, from + 20));
      store.compactIndex();
    }

    // 12 folds, all segments small (one tier): at most 3 left in any bucket, the rest merged
    java.util.Map<String, Long> perBucket = keys(bucket, "audit/prod/index/v1/buckets/").stream()
        .collect(java.util.stream.Collectors.groupingBy(k -> k.substring(0, k.lastIndexOf('/')), java.util.stream.Collectors.counting()));
    assertThat(perBucket.values()).allMatch(n -> n <= 3);
    S3AuditStore fresh = newStore(bucket);
    for (int row = 0; row < 10; row++) {
      int r = row;
      assertThat(fresh.find(AuditQuery.rowHistory(TableRef.of("shop", "orders"), all.get(r).event().primaryKey()),
          PageRequest.oldestFirst(100)).items()).containsExactlyElementsOf(all.stream()
          .filter(x -> x.event().primaryKey().equals(all.get(r).event().primaryKey())).toList());
    }
  }

  @Test
  @DisplayName("Object Lock: retention until the latest deadline, a legal hold for held records, the set period for records without one")
  void objectLock() {
    String bucket = S3Buckets.createUniqueWithObjectLock(TestServers.s3Mock(), "lock");
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    S3AuditStore store = S3AuditStore.builder(CLIENT).bucket(bucket).compactEvery(0)
        .objectLock(ObjectLock.compliance(Duration.ofDays(3650))).clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
        .build();
    Instant deadline = Instant.parse("2033-03-01T08:00:00Z");
    AuditRecord expiring = TestRecords.row("shop.orders", 1).at(T0).expiresAt(deadline.minusSeconds(5)).build();
    AuditRecord expiringLater = TestRecords.row("shop.orders", 2).at(T0).expiresAt(deadline).build();
    AuditRecord held = TestRecords.row("finance.ledger", 3).at(T0).legalHold().build();
    AuditRecord forever = TestRecords.row("shop.orders", 4).at(T0).build();
    REQUESTS.clear();

    store.append(List.of(expiring, expiringLater, held, forever));

    List<PutObjectRequest> data = REQUESTS.puts().stream().filter(p -> p.key().startsWith("data/")).toList();
    assertThat(data).hasSize(3);
    PutObjectRequest expiringPut = only(data, "-x");
    assertThat(expiringPut.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
    assertThat(expiringPut.objectLockRetainUntilDate()).isEqualTo(deadline);
    PutObjectRequest heldPut = only(data, "-held-");
    assertThat(heldPut.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
    assertThat(heldPut.objectLockRetainUntilDate()).isNull();
    PutObjectRequest keptPut = only(data, "-kept-");
    assertThat(keptPut.objectLockRetainUntilDate()).isEqualTo(now.plus(Duration.ofDays(3650)));
    assertThat(REQUESTS.puts().stream().filter(p -> p.key().startsWith("index/"))).allMatch(p -> p.objectLockMode() == null
        && p.objectLockLegalHoldStatus() == null);
    // S3 needs a checksum with lock headers; S3Mock ignores lock headers on PutObject (retention and legal hold),
    // so what is checked here is what the store asks of S3
    assertThat(data).allMatch(p -> p.checksumAlgorithm() == ChecksumAlgorithm.CRC32);
    // and the purge leaves the held object alone
    assertThat(store.purgeExpired(Instant.parse("2999-01-01T00:00:00Z"))).isEqualTo(2);
    assertThat(store.find(held.id())).contains(held);
    assertThat(store.find(forever.id())).contains(forever);
  }

  private static PutObjectRequest only(List<PutObjectRequest> puts, String part) {
    List<PutObjectRequest> matching = puts.stream().filter(p -> p.key().contains(part)).toList();
    assertThat(matching).as("PutObject of a key with '%s'", part).hasSize(1);
    return matching.get(0);
  }

  @Test
  @DisplayName("data objects are tagged by retention; lifecycle rules per table expire only the expiring ones, other rules stay")
  void lifecycleRules() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "lifecycle");
    S3AuditStore store = newStore(bucket);
    RetentionPolicy policy = RetentionPolicy.builder().legalHold("finance.*").keep("shop.orders", Period.ofMonths(1))
        .keep("shop.*", Duration.ofDays(7)).build();
    store.append(List.of(
        TestRecords.row("shop.orders", 1).at(T0).expiresAt(T0.plus(Duration.ofDays(31))).build(),
        TestRecords.row("shop.items", 1).at(T0).expiresAt(T0.plus(Duration.ofDays(7))).build(),
        TestRecords.row("finance.ledger", 1).at(T0).legalHold().build(),
        TestRecords.row("logs.events", 1).at(T0).build()));
    LifecycleRule foreign = LifecycleRule.builder().id("someone-else").status(ExpirationStatus.ENABLED)
        .filter(LifecycleRuleFilter.builder().prefix("tmp/").build()).expiration(LifecycleExpiration.builder().days(1).build()).build();
    CLIENT.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(foreign)));

    List<LifecycleRule> rules = store.installLifecycleRules(policy);
    store.installLifecycleRules(policy); // again: replaces its own rules, not adds

    assertThat(rules).extracting(r -> r.filter().and().prefix(), r -> r.expiration().days()).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("audit/prod/data/database_name=shop/table_name=items/", 7),
        org.assertj.core.groups.Tuple.tuple("audit/prod/data/database_name=shop/table_name=orders/", 31));
    assertThat(rules).allMatch(r -> r.filter().and().tags().equals(List.of(Tag.builder().key("cdc-audit-retention").value("expiring").build())));
    List<LifecycleRule> installed = CLIENT.getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules();
    assertThat(installed).extracting(LifecycleRule::id).containsExactlyInAnyOrder("someone-else", rules.get(0).id(), rules.get(1).id());
    for (String key : keys(bucket, "audit/prod/data/")) {
      String tag = CLIENT.getObjectTagging(r -> r.bucket(bucket).key(key)).tagSet().get(0).value();
      assertThat(tag).as(key).isEqualTo(key.contains("finance") ? "held" : key.contains("logs") ? "kept" : "expiring");
    }
  }

  @Test
  @DisplayName("an object under the data prefix that the store did not write is an error naming it, never skipped")
  void foreignObject() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "foreign");
    S3AuditStore store = newStore(bucket);
    store.append(List.of(TestRecords.insert("shop.orders", 1, T0)));
    String key = "audit/prod/data/database_name=shop/table_name=orders/commit_date=2026-03-01/part-0000.json";
    CLIENT.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("{}"));

    assertThatThrownBy(() -> store.find(AuditQuery.byTable(TableRef.of("shop", "orders")), PageRequest.oldestFirst(10)))
        .isInstanceOf(StoreException.class).hasMessageContaining(key).hasMessageContaining("not a data object this store wrote");
  }

  @Test
  @DisplayName("a data object that is not gzip NDJSON of audit records is an error naming it and the line")
  void unreadableObject() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "unreadable");
    S3AuditStore store = newStore(bucket);
    AuditRecord record = TestRecords.insert("shop.orders", 1, T0);
    store.append(List.of(record));
    String key = keys(bucket, "audit/prod/data/").get(0);
    CLIENT.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(io.cdcaudit.s3.internal.GzipLines.write(
        List.of("{\"id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

    assertThatThrownBy(() -> store.find(record.id())).isInstanceOf(StoreException.class)
        .hasMessageContaining(key).hasMessageContaining("line 1 is not an audit record");
  }

  @Test
  @DisplayName("the builder names the setting and the value it refuses")
  void builderMessages() {
    assertThatThrownBy(() -> S3AuditStore.builder(CLIENT).bucket("Not_A_Bucket"))
        .hasMessageContaining("S3AuditStore bucket").hasMessageContaining("'Not_A_Bucket'");
    assertThatThrownBy(() -> S3AuditStore.builder(CLIENT).prefix("/audit"))
        .hasMessageContaining("S3AuditStore prefix").hasMessageContaining("'/audit'");
    assertThatThrownBy(() -> S3AuditStore.builder(CLIENT).prefix("a/../b"))
        .hasMessageContaining("S3AuditStore prefix").hasMessageContaining("'a/../b'");
    assertThatThrownBy(() -> S3AuditStore.builder(CLIENT).compactEvery(-1))
        .hasMessageContaining("S3AuditStore compactEvery").hasMessageContaining("-1");
    assertThatThrownBy(() -> S3AuditStore.builder(CLIENT).maxRecordBytes(10))
        .hasMessageContaining("S3AuditStore maxRecordBytes").hasMessageContaining("10");
    assertThatThrownBy(() -> S3AuditStore.builder(CLIENT).build())
        .hasMessageContaining("S3AuditStore bucket is not set");
    assertThatThrownBy(() -> ObjectLock.governance(Duration.ZERO))
        .hasMessageContaining("objectLock withoutDeadline").hasMessageContaining("PT0S");
    assertThat(S3AuditStore.builder(CLIENT).bucket("b-1").prefix("x/y").build().prefix()).isEqualTo("x/y/");
  }

  @Test
  @DisplayName("a record larger than maxRecordBytes is rejected with the reason, the rest of the batch stored")
  void tooLarge() {
    String bucket = S3Buckets.createUnique(TestServers.s3Mock(), "large");
    S3AuditStore store = S3AuditStore.builder(CLIENT).bucket(bucket).maxRecordBytes(4096).build();
    AuditRecord big = TestRecords.row("shop.notes", 1).insert(Row.builder().put("id", 1).put("body", "x".repeat(5000)).build()).at(T0).build();
    AuditRecord small = TestRecords.insert("shop.notes", 2, T0);

    var result = store.append(List.of(big, small));

    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(big.id());
      assertThat(r.reason()).contains("maxRecordBytes (4096)");
    });
    assertThat(store.find(small.id())).contains(small);
    assertThat(store.find(big.id())).isEmpty();
    assertThat(store.find(EventId.of("nothing"))).isEmpty();
  }
}
