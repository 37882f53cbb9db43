package io.cdcaudit.examples.demo;

import io.cdcaudit.actor.ActorResolver;
import io.cdcaudit.actor.RowColumnActorResolver;
import io.cdcaudit.actor.SqlCommentActorResolver;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.kinesis.KinesisChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.testservers.DebeziumProcess;
import io.cdcaudit.testservers.DynaliteServer;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.KclLeaseTables;
import io.cdcaudit.testservers.KinesisLocal;
import io.cdcaudit.testservers.KinesisStreams;
import io.cdcaudit.testservers.MariaDbServer;
import io.cdcaudit.testservers.MaxwellProcess;
import io.cdcaudit.trail.AuditTrail;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * The demo: MariaDB (ROW binlog) -> Maxwell's Daemon or Debezium -> Kafka (or Maxwell -> Kinesis:
 * kinesis-local, with the KCL's leases in dynalite) -> an audit pipeline -> a store (MongoDB, or S3 on S3Mock), all
 * servers on loopback ports started here and stopped at the end. Runs a SQL
 * workload, prints the audit history of a few rows, and checks that the store holds every change
 * once. Its last line is {@code demo: <N> changes made, <M> audit records stored, <K> missing,
 * <D> duplicated}. Run it with
 * {@code scripts/demo [--producer maxwell|debezium] [--source kafka|kinesis] [--store mongo|s3|influx]}
 * ({@link DemoOptions}; the store is a {@link DemoStore}).
 */
public final class Demo {

  private static final String DATABASE = "demo_shop";
  private static final String TOPIC = "demo.cdc";
  private static final Duration TRAIL_TIMEOUT = Duration.ofMinutes(3);

  private final PrintStream out;
  private final String producer;
  private final String source;
  private final String storeChoice;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private DemoStore store;

  private Demo(PrintStream out, DemoOptions options) {
    this.out = out;
    this.producer = options.producer();
    this.source = options.source();
    this.storeChoice = options.store();
  }

  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.err.println(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    Completeness result = new Demo(System.out, options).run();
    System.exit(result.missing() == 0 && result.duplicated() == 0 ? 0 : 1);
  }

  private Completeness run() throws Exception {
    try {
      return runStarted();
    } finally {
      if (!started.isEmpty()) {
        progress("stopping everything the demo started");
      }
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception e) {
          System.err.println("demo: while stopping: " + e);
        }
      }
    }
  }

  private Completeness runStarted() throws Exception {
    progress("starting MariaDB with a ROW binlog");
    MariaDbServer db = keep(MariaDbServer.start());
    db.createDatabase(DATABASE);
    DemoWorkload workload = new DemoWorkload(this::progress);
    try (Connection c = db.connection(DATABASE)) {
      workload.createSchema(c);
    }
    // The store first: the sources' progress lines name it.
    store = keep(DemoStore.start(storeChoice, this::progress));
    ChangeSource changes = source.equals("kafka") ? startKafka(db) : startKinesis(db);
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    AuditPipeline pipeline = keep(AuditPipeline.builder()
        .name("demo")
        .source(changes)
        .decoder(ChangeDecoders.auto())
        .store(store.store())
        .deadLetters(deadLetters)
        .records(AuditRecordFactory.builder()
            .actors(ActorResolver.firstOf(SqlCommentActorResolver.create(), RowColumnActorResolver.of("updated_by")))
            .retention(RetentionPolicy.builder().keep(DATABASE + ".*", Period.ofYears(7)).build())
            .build())
        .build());
    pipeline.start();

    try (Connection c = db.connection(DATABASE)) {
      workload.run(c);
    }
    List<ExpectedChange> expected = workload.expected();
    progress("workload done: " + expected.size() + " row changes committed; waiting for the audit trail");
    awaitTrail(() -> rowRecords(store.queries()).size(), pipeline, expected.size());

    AuditTrail trail = AuditTrail.over(store.queries());
    out.println();
    out.println("Audit history of a few rows (" + producer + " -> " + (source.equals("kafka") ? "Kafka" : "Kinesis")
        + " -> cdc-audit -> " + storeName() + "):");
    Timeline.print(out, trail, TableRef.of(DATABASE, "customers"), 1);
    Timeline.print(out, trail, TableRef.of(DATABASE, "orders"), 1);
    Timeline.print(out, trail, TableRef.of(DATABASE, "customers"), 3);
    out.println();
    if (!deadLetters.letters().isEmpty()) {
      progress(deadLetters.letters().size() + " messages went to the dead-letter sink, first: " + deadLetters.letters().get(0).reason());
    }
    Completeness result = Completeness.of(expected, rowRecords(store.queries()));
    // Stop before the summary, so that the summary is the last line.
    progress("stopping everything the demo started");
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("demo: while stopping: " + e);
      }
    }
    out.println(result.summary());
    return result;
  }

  private ChangeSource startKafka(MariaDbServer db) {
    progress("starting a Kafka broker");
    KafkaBroker kafka = keep(KafkaBroker.start());
    // Made, with every partition's leader, before a producer starts: Maxwell 1.22 sends without retries, and its
    // first send to a topic auto-created meanwhile can fail with NotLeaderForPartition, and that change is lost.
    KafkaTopics.create(kafka.bootstrapServers(), TOPIC, 4, Map.of());
    if (producer.equals("maxwell")) {
      progress("starting Maxwell's Daemon -> Kafka topic " + TOPIC);
      keep(MaxwellProcess.start(db, kafka, TOPIC, "demo", MaxwellProcess.FULL_OUTPUT));
    } else {
      progress("starting Debezium (MariaDB connector) -> Kafka topic " + TOPIC);
      keep(DebeziumProcess.start(db, kafka, Map.of(
          "name", "demo", "topic.prefix", "demo", "database.include.list", DATABASE, DebeziumProcess.TOPIC, TOPIC)));
    }
    progress("starting the audit pipeline: Kafka topic " + TOPIC + " -> " + storeName());
    return KafkaChangeSource.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .groupId("demo-audit")
        .topics(TOPIC)
        .build();
  }

  /** kinesis-local and dynalite (the lease table), Maxwell's own Kinesis producer, and a source reading through the KCL. */
  private ChangeSource startKinesis(MariaDbServer db) {
    progress("starting kinesis-local (Kinesis) and dynalite (DynamoDB, for the KCL's leases)");
    KinesisLocal kinesis = keep(KinesisLocal.start());
    DynaliteServer dynalite = keep(DynaliteServer.start());
    String stream = KinesisStreams.createUnique(kinesis, "demo-cdc", 2);
    // dynalite cannot add the KCL's lease index to a table afterwards: the lease table is made with it.
    String application = KclLeaseTables.create(dynalite, "demo-audit");
    Map<String, String> options = new java.util.LinkedHashMap<>(MaxwellProcess.FULL_OUTPUT);
    options.put("producer_partition_by", "primary_key");
    progress("starting Maxwell's Daemon -> Kinesis stream " + stream + " (its own producer, the KPL)");
    keep(MaxwellProcess.startKinesis(db, kinesis, stream, "demo", options));
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo"));
    KinesisAsyncClient kinesisClient = keep(KinesisAsyncClient.builder()
        .endpointOverride(kinesis.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build());
    DynamoDbAsyncClient dynamoDbClient = keep(DynamoDbAsyncClient.builder()
        .endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build());
    progress("starting the audit pipeline: Kinesis stream " + stream + " (application " + application + ") -> "
        + storeName() + "; the KCL takes its first leases within half a minute");
    return KinesisChangeSource.builder(kinesisClient, dynamoDbClient)
        .streamName(stream)
        .applicationName(application)
        .workerUtilizationMetrics(false) // no EC2 here: balance leases by count
        .build();
  }

  private void awaitTrail(java.util.function.IntSupplier storedRows, AuditPipeline pipeline, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TRAIL_TIMEOUT.toNanos();
    long lastReport = 0;
    while (System.nanoTime() < deadline) {
      PipelineHealth health = pipeline.health();
      long rows = storedRows.getAsInt();
      boolean settled = rows >= expected && health.inFlightMessages() == 0 && health.lag() <= 0; // -1: not known
      if (settled || System.nanoTime() - lastReport > 1_000_000_000L) {
        progress(String.format(Locale.ROOT, "trail: %d of %d row changes stored (pipeline %s, %d received, lag %s)",
            rows, expected, health.state(), health.received(), health.lag() < 0 ? "?" : health.lag()));
        lastReport = System.nanoTime();
      }
      if (settled) {
        return;
      }
      Thread.sleep(200);
    }
    progress("gave up waiting after " + TRAIL_TIMEOUT.toMinutes() + " minutes");
  }

  /** The row changes of the demo's tables in the trail (schema changes are audited too, but not counted). */
  private static List<AuditRecord> rowRecords(AuditQueries queries) {
    AuditTrail trail = AuditTrail.over(queries);
    return java.util.stream.Stream.of("customers", "orders")
        .flatMap(t -> trail.stream(AuditQuery.byTable(TableRef.of(DATABASE, t)), SortOrder.OLDEST_FIRST))
        .filter(r -> r.event().operation().isRowChange())
        .toList();
  }

  private String storeName() {
    return store.name();
  }

  private <T extends AutoCloseable> T keep(T resource) {
    started.push(resource);
    return resource;
  }

  private void progress(String message) {
    out.println("demo: " + message);
    out.flush();
  }
}
