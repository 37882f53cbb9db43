package io.cdcaudit.mongo.bench;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.mongo.internal.AuditDocumentCodec;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.testservers.MongoStandIn;
import io.cdcaudit.testservers.TestServers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bson.RawBsonDocument;

/**
 * How fast {@link MongoAuditStore#append(List)} stores records, against a raw unordered
 * {@code insertMany} of the very same documents, pre-encoded: the difference is what the store adds
 * (encoding, the size check, splitting, error handling).
 *
 * <p>Not a test: run it with {@code mvn -B -pl audit-store-mongo test-compile exec:exec@bench}
 * (README.md). Against the in-process stand-in by default, so client and server share the
 * machine's cores; against a real mongod when {@code -Dcdcaudit.mongo.uri=...} is given.
 *
 * <p>Arguments: the number of records (default 100000). Each measurement writes all of them, in
 * appends (or inserts) of 1,000, to a fresh database with the store's indexes, with the same
 * write concern (majority) on both sides. After a warm-up of each, the two alternate for three
 * rounds (which one goes first alternates too). A second argument sets the number of rounds.
 */
public final class MongoAppendBenchmark {

  private static final int BATCH = 1_000;
  private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
  private static final String[] STATUSES = {"new", "paid", "packed", "shipped", "delivered", "returned"};

  private MongoAppendBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 100_000;
    int rounds = args.length > 1 && !args[1].isBlank() ? Integer.parseInt(args[1].trim()) : 3;
    MongoStandIn server = TestServers.mongo();
    MongoClient client = server.client();
    System.out.printf(Locale.ROOT, "MongoAppendBenchmark: %,d records, appends of %,d, %s, %d cores, Java %s%n", n, BATCH,
        server.isStandIn() ? "in-process mongo-java-server 1.47.0"
            : "server " + MongoStandIn.configuredUri().orElseThrow().replaceAll("//[^@]*@", "//***@"),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

    List<AuditRecord> records = records(n);
    AuditDocumentCodec codec = new AuditDocumentCodec();
    List<RawBsonDocument> documents = new ArrayList<>(n);
    long bytes = 0;
    for (AuditRecord record : records) {
      RawBsonDocument document = codec.encode(record);
      bytes += document.getByteBuffer().remaining();
      documents.add(document);
    }
    System.out.printf(Locale.ROOT, "average document: %,d bytes%n", bytes / n);
    // Warm-up: a whole measurement of each (the stand-in, the driver and the codec take a while to be compiled).
    System.out.printf(Locale.ROOT, "warm-up:  MongoAuditStore.append %,10.0f events/s   raw insertMany %,10.0f events/s%n",
        storeRate(client, records, "warmup-store"), rawRate(client, documents, "warmup-raw"));

    double[] store = new double[rounds];
    double[] raw = new double[rounds];
    double[] ratio = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      if (round % 2 == 0) {
        store[round] = storeRate(client, records, "store-" + round);
        raw[round] = rawRate(client, documents, "raw-" + round);
      } else {
        raw[round] = rawRate(client, documents, "raw-" + round);
        store[round] = storeRate(client, records, "store-" + round);
      }
      System.out.printf(Locale.ROOT, "round %d: MongoAuditStore.append %,10.0f events/s   raw insertMany %,10.0f events/s   ratio %.2f%n",
          round + 1, store[round], raw[round], store[round] / raw[round]);
      ratio[round] = store[round] / raw[round];
    }
    // The ratio of each round compares two runs made close together, so it is steadier than the ratio of the medians.
    System.out.printf(Locale.ROOT, "median:  MongoAuditStore.append %,10.0f events/s   raw insertMany %,10.0f events/s   median ratio %.2f%n",
        median(store), median(raw), median(ratio));
    // The part of the store's work that does not involve the server: encoding and measuring each document.
    long start = System.nanoTime();
    long sink = 0;
    for (AuditRecord record : records) {
      sink += codec.encode(record).getByteBuffer().remaining();
    }
    System.out.printf(Locale.ROOT, "encoding alone: %,10.0f records/s (%,d bytes)%n", n / ((System.nanoTime() - start) / 1e9), sink);
    System.exit(0);
  }

  /** Events per second of appending {@code records} through the store, 1,000 per append. */
  private static double storeRate(MongoClient client, List<AuditRecord> records, String name) {
    MongoDatabase database = client.getDatabase("cdcaudit_bench_" + name);
    database.drop();
    MongoAuditStore store = MongoAuditStore.builder(database).batchSize(BATCH).build();
    store.ensureSchema();
    settle();
    long start = System.nanoTime();
    for (int from = 0; from < records.size(); from += BATCH) {
      List<AuditRecord> batch = records.subList(from, Math.min(records.size(), from + BATCH));
      if (!store.append(batch).rejected().isEmpty()) {
        throw new IllegalStateException("the benchmark's records must all be stored");
      }
    }
    long nanos = System.nanoTime() - start;
    check(store.count(), records.size(), name);
    database.drop();
    return records.size() / (nanos / 1e9);
  }

  /** Events per second of inserting the same documents with a raw unordered insertMany of 1,000. */
  private static double rawRate(MongoClient client, List<RawBsonDocument> documents, String name) {
    MongoDatabase database = client.getDatabase("cdcaudit_bench_" + name);
    database.drop();
    // The same indexes as the store's, so that both sides do the same work in the server.
    MongoAuditStore.builder(database).build().ensureSchema();
    MongoCollection<RawBsonDocument> collection = database.getCollection(MongoAuditStore.DEFAULT_COLLECTION, RawBsonDocument.class)
        .withWriteConcern(WriteConcern.MAJORITY);
    InsertManyOptions unordered = new InsertManyOptions().ordered(false);
    settle();
    long start = System.nanoTime();
    for (int from = 0; from < documents.size(); from += BATCH) {
      collection.insertMany(documents.subList(from, Math.min(documents.size(), from + BATCH)), unordered);
    }
    long nanos = System.nanoTime() - start;
    check(collection.countDocuments(), documents.size(), name);
    database.drop();
    return documents.size() / (nanos / 1e9);
  }

  private static void check(long count, int expected, String name) {
    if (count != expected) {
      throw new IllegalStateException(name + ": " + count + " documents stored, expected " + expected);
    }
  }

  /** Lets the previous measurement's garbage go before timing the next one. */
  private static void settle() {
    System.gc();
    try {
      Thread.sleep(Duration.ofMillis(200).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Updates of an orders table as Maxwell would give them: ten columns, a few changed, an actor, a transaction. */
  static List<AuditRecord> records(int n) {
    Random random = new Random(42);
    TableRef orders = TableRef.of("shop", "orders");
    List<AuditRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long id = 1 + random.nextInt(50_000);
      Instant committed = START.plusMillis(i * 7L);
      String status = STATUSES[random.nextInt(STATUSES.length)];
      Row before = order(id, random, STATUSES[random.nextInt(STATUSES.length)], "2026-02-27 10:00:00");
      Row after = before.overlay(Row.builder()
          .put("status", Value.of(status))
          .put("total", Value.of(new BigDecimal(random.nextInt(100_000) + "." + (10 + random.nextInt(90)))))
          .put("updated_at", Value.of("2026-03-01 08:" + String.format(Locale.ROOT, "%02d:%02d", (i / 60) % 60, i % 60)))
          .build());
      long xid = 9_000_000L + i / 4;
      ChangeEvent event = ChangeEvent.builder()
          .id(EventId.derive("bench", "mysql-bin.000042", Long.toString(4_000L + i * 250L), Integer.toString(i)))
          .producer("maxwell")
          .table(orders)
          .operation(Operation.UPDATE)
          .committedAt(committed)
          .transaction(new TransactionRef(Long.toString(xid), i % 4, i % 4 == 3))
          .position(new SourcePosition(3L, "mysql-bin.000042", 4_000L + i * 250L, -1, null))
          .primaryKey(PrimaryKey.of("id", id))
          .before(before)
          .after(after)
          .build();
      Actor actor = new Actor("user-" + random.nextInt(500), Actor.Source.SQL_COMMENT, Map.of("request", "r-" + i));
      records.add(new AuditRecord(event, RowDiff.of(event), actor, committed.plusMillis(150),
          Retention.until(committed.plus(Duration.ofDays(7 * 365)))));
    }
    return records;
  }

  private static Row order(long id, Random random, String status, String createdAt) {
    return Row.builder()
        .put("id", id)
        .put("customer_id", 1 + random.nextInt(20_000))
        .put("status", status)
        .put("total", Value.of(new BigDecimal(random.nextInt(100_000) + "." + (10 + random.nextInt(90)))))
        .put("currency", "EUR")
        .put("items", 1 + random.nextInt(12))
        .put("note", "please deliver to the back door, ring twice " + random.nextInt(1000))
        .put("created_at", createdAt)
        .put("updated_at", createdAt)
        .put("is_gift", Value.of(random.nextBoolean()))
        .build();
  }
}
