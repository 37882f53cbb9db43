package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.s3.S3AuditStore;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.S3MockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 through S3Mock 5.2.0 of audit-test-servers ({@link S3MockServer#start()}: a JVM of its own, objects in files),
 * every target a fresh bucket. The raw write is one plain {@code PutObject} a bulk of {@value RawStore#BULK} records,
 * of the bytes the store would write for them ({@link GzipNdjson}, encoded beforehand) under keys of their own: so
 * pipeline/raw is what the store's layout (an object per table, day and retention class), batch index, compaction
 * and conditional writes ({@code If-None-Match}) cost over putting the records at all. The naive insert is
 * {@code S3AuditStore.append} of one record; the pipeline's store is {@code S3AuditStore} with its defaults, counted
 * by {@link S3TrailCount}. Every bucket is emptied and deleted after its run.
 */
final class S3StoreUnderTest implements StoreUnderTest {

  /** The store's key prefix; the raw write puts its objects beside, under {@value #RAW_PREFIX}. */
  private static final String PREFIX = "trail/";
  private static final String RAW_PREFIX = "raw/";

  private final S3MockServer server;
  private final S3Client client;
  private final List<String> buckets = new ArrayList<>();

  private S3StoreUnderTest(S3MockServer server) {
    this.server = server;
    this.client = S3Buckets.client(server);
  }

  /** Starts S3Mock (as audit-test-servers runs it: {@code -Xmx256m}, serial collector, C1 only). */
  static S3StoreUnderTest start() {
    return new S3StoreUnderTest(S3MockServer.start());
  }

  /** S3Mock's JVM, for the CPU clock: the descendant started with its HTTP port. */
  ProcessHandle process() {
    return CpuClock.findDescendant("--http.port=" + server.httpPort())
        .orElseThrow(() -> new IllegalStateException("no child process of " + server));
  }

  String endpoint() {
    return server.endpoint().toString();
  }

  @Override
  public String name() {
    return "s3";
  }

  @Override
  public String rawDescription() {
    return "S3 PutObject of " + RawStore.BULK + ", gzip NDJSON";
  }

  private String freshBucket(String what) {
    String bucket = S3Buckets.createUnique(server, "bench-" + what);
    buckets.add(bucket);
    return bucket;
  }

  @Override
  public int rawPasses() {
    return 7;
  }

  @Override
  public BulkWrite prepareRawWrite(List<AuditRecord> records) {
    String bucket = freshBucket("raw");
    // RawStore hands out the bulks [k * BULK, min(size, (k + 1) * BULK)): each is encoded here, once.
    List<byte[]> bulks = new ArrayList<>();
    for (int from = 0; from < records.size(); from += RawStore.BULK) {
      bulks.add(GzipNdjson.encode(records.subList(from, Math.min(records.size(), from + RawStore.BULK))));
    }
    return (from, to) -> {
      if (from % RawStore.BULK != 0 || to != Math.min(records.size(), from + RawStore.BULK)) {
        throw new IllegalArgumentException("not a prepared bulk: " + from + " to " + to);
      }
      String key = String.format(Locale.ROOT, "%s%07d-%07d.ndjson.gz", RAW_PREFIX, from, to - 1);
      client.putObject(b -> b.bucket(bucket).key(key).contentType("application/gzip"), RequestBody.fromBytes(bulks.get(from / RawStore.BULK)));
    };
  }

  @Override
  public Consumer<AuditRecord> naiveInsertOne() {
    S3AuditStore store = freshStore("naive");
    return r -> store.append(List.of(r));
  }

  @Override
  public String naiveNote() {
    return "naive s3: one S3AuditStore.append per record is a conditional PutObject of a one-record data object and one of "
        + "a batch index, and every 50th append a compaction that rewrites the index buckets its entries touch (up to 64); "
        + "on S3Mock that is absurdly slow, so it is time-boxed as every naive run is";
  }

  @Override
  public CountedStore pipelineStore() {
    S3AuditStore store = freshStore("pipeline");
    return new CountedStore(store, () -> S3TrailCount.distinctIds(client, store));
  }

  private S3AuditStore freshStore(String what) {
    return S3AuditStore.builder(client).bucket(freshBucket(what)).prefix(PREFIX).build();
  }

  /** The objects of the last bucket by kind (raw, the store's data and index objects): how many, mean size. */
  @Override
  public String describeContents() {
    if (buckets.isEmpty()) {
      return "";
    }
    TreeMap<String, long[]> kinds = new TreeMap<>();
    for (S3Object object : objects(buckets.get(buckets.size() - 1))) {
      String kind = object.key().startsWith(RAW_PREFIX) ? "raw"
          : object.key().startsWith(PREFIX + "data/") ? "data" : object.key().startsWith(PREFIX + "index/") ? "index" : "other";
      long[] countAndBytes = kinds.computeIfAbsent(kind, k -> new long[2]);
      countAndBytes[0]++;
      countAndBytes[1] += object.size();
    }
    List<String> parts = new ArrayList<>();
    kinds.forEach((kind, c) -> parts.add(String.format(Locale.ROOT, "%,d %s objects of mean %,d bytes", c[0], kind, c[1] / c[0])));
    return String.join(", ", parts);
  }

  private List<S3Object> objects(String bucket) {
    List<S3Object> all = new ArrayList<>();
    client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(all::add);
    return all;
  }

  @Override
  public void reset() {
    for (String bucket : buckets) {
      List<ObjectIdentifier> keys = objects(bucket).stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
      for (int from = 0; from < keys.size(); from += 1000) { // DeleteObjects takes up to 1,000 keys
        List<ObjectIdentifier> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
        client.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
      }
      client.deleteBucket(r -> r.bucket(bucket));
    }
    buckets.clear();
  }

  @Override
  public void close() {
    try {
      reset();
    } catch (RuntimeException ignored) {
      // the server and its files go away anyway
    }
    client.close();
    server.close();
  }
}
