package io.cdcaudit.benchmarks.harness;

import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.testservers.MongoStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * MongoDB through the stand-in of audit-test-servers ({@link MongoStandIn#startInOwnJvm}, a JVM of its own, so
 * that the documents it keeps are not in the harness's heap and its CPU is counted apart):
 * the raw write is the driver's unordered {@code insertMany} of 1,000 documents of the store's
 * shape ({@link MongoShapes}, encoded to BSON beforehand); the naive insert is one
 * {@code insertOne} of such a document; the pipeline's store is {@code MongoAuditStore} with its
 * defaults. All with write concern majority (the store's default) into a fresh database with the
 * store's indexes ({@code ensureSchema}); every database is dropped after its run.
 *
 * <p>The stand-in keeps every document on its Java heap. With a stop-the-world collector
 * (ParallelGC) its young collections copy those documents in pauses of 0.2 to 1 s, which stop the
 * server and dominate the tail latency; a real mongod has no such pauses. It therefore runs with
 * ZGC (pauses under a millisecond) unless {@code -Dcdcaudit.bench.standInGc=ParallelGC} (or
 * {@code G1GC}) says otherwise; its GC log is kept next to the results.
 */
final class MongoStoreUnderTest implements StoreUnderTest {

  private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);

  private final MongoStandIn server;
  private final MongoClient client;
  private final List<MongoDatabase> created = new ArrayList<>();
  private int databases;

  private final GcLog gcLog;

  private MongoStoreUnderTest(MongoStandIn server, GcLog gcLog) {
    this.server = server;
    this.gcLog = gcLog;
    this.client = MongoClients.create(server.uri());
  }

  /** Starts the stand-in with a heap for {@code events} documents (it keeps them in memory until a database is dropped). */
  static MongoStoreUnderTest start(long events, Path gcLog) {
    // It holds about 21 KB of heap per document (measured: 200,000 documents filled 4.2 GB); ZGC needs room beyond that,
    // or it stalls allocations for seconds. Committed on demand (no -Xms).
    long heapMb = Math.min(12_288, 1024 + events * 40 / 1000);
    MongoStandIn server = MongoStandIn.startInOwnJvm(List.of(
        "-Xmx" + heapMb + "m",
        // audit-test-servers gives its child JVMs the serial collector and C1 only: the stand-in gets the collector
        // chosen here and the optimizing compiler, as a server would have
        "-XX:-UseSerialGC", "-XX:+Use" + System.getProperty("cdcaudit.bench.standInGc", "ZGC"), "-XX:TieredStopAtLevel=4",
        "-Xlog:gc,gc+phases:file=" + gcLog.toAbsolutePath(), // ZGC logs its (short) pauses as phases
        // It warns about every secondary index it keeps but does not build (the store's ensureSchema creates five).
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"));
    return new MongoStoreUnderTest(server, new GcLog(gcLog));
  }

  ProcessHandle process() {
    return server.process().orElseThrow();
  }

  /** The stand-in's GC log. */
  GcLog gcLog() {
    return gcLog;
  }

  String uri() {
    return server.uri();
  }

  @Override
  public String name() {
    return "mongo";
  }

  @Override
  public String rawDescription() {
    return "Mongo insertMany of " + RawStore.BULK + ", unordered";
  }

  /** A fresh database with the store's collection and indexes; {@code null} name: the store's default collection. */
  private MongoDatabase freshDatabase() {
    MongoDatabase db = client.getDatabase("bench_" + (++databases));
    created.add(db);
    MongoAuditStore.builder(db).build().ensureSchema();
    return db;
  }

  @Override
  public BulkWrite prepareRawWrite(List<AuditRecord> records) {
    MongoCollection<RawBsonDocument> collection = freshDatabase()
        .getCollection(MongoAuditStore.DEFAULT_COLLECTION, RawBsonDocument.class)
        .withWriteConcern(WriteConcern.MAJORITY);
    Codec<Document> codec = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);
    List<RawBsonDocument> documents = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      documents.add(new RawBsonDocument(MongoShapes.document(record), codec));
    }
    return (from, to) -> collection.insertMany(documents.subList(from, to), UNORDERED);
  }

  @Override
  public Consumer<AuditRecord> naiveInsertOne() {
    MongoCollection<Document> collection = freshDatabase()
        .getCollection(MongoAuditStore.DEFAULT_COLLECTION)
        .withWriteConcern(WriteConcern.MAJORITY);
    return r -> collection.insertOne(MongoShapes.document(r));
  }

  @Override
  public CountedStore pipelineStore() {
    MongoDatabase db = freshDatabase();
    MongoAuditStore store = MongoAuditStore.builder(db).build();
    return new CountedStore(store, store::count);
  }

  @Override
  public String describeContents() {
    if (created.isEmpty()) {
      return "";
    }
    MongoCollection<RawBsonDocument> collection = created.get(created.size() - 1)
        .getCollection(MongoAuditStore.DEFAULT_COLLECTION, RawBsonDocument.class);
    long bytes = 0;
    int n = 0;
    for (RawBsonDocument d : collection.find().limit(1000)) {
      bytes += d.getByteBuffer().remaining();
      n++;
    }
    return n == 0 ? "" : String.format(java.util.Locale.ROOT, "mean %,d bytes of BSON (%d read back)", bytes / n, n);
  }

  @Override
  public void reset() {
    for (MongoDatabase db : created) {
      db.drop();
    }
    created.clear();
  }

  @Override
  public void close() {
    try {
      reset();
    } catch (RuntimeException ignored) {
      // the server goes away anyway
    }
    client.close();
    server.close(); // SIGTERM, SIGKILL after 10 s
  }
}
