package io.cdcaudit.examples.demo;

import io.cdcaudit.actor.ActorResolver;
import io.cdcaudit.actor.RowColumnActorResolver;
import io.cdcaudit.actor.SqlCommentActorResolver;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.testservers.DebeziumProcess;
import io.cdcaudit.testservers.KafkaBroker;
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

/**
 * The demo: MariaDB (ROW binlog) -> Maxwell's Daemon or Debezium -> Kafka -> an audit pipeline ->
 * a store, all real servers on loopback ports started here and stopped at the end. Runs a SQL
 * workload, prints the audit history of a few rows, and checks that the store holds every change
 * once. Its last line is {@code demo: <N> changes made, <M> audit records stored, <K> missing,
 * <D> duplicated}. Run it with {@code scripts/demo [--producer maxwell|debezium]}.
 */
public final class Demo {

  private static final String DATABASE = "demo_shop";
  private static final String TOPIC = "demo.cdc";
  private static final Duration TRAIL_TIMEOUT = Duration.ofMinutes(3);

  private final PrintStream out;
  private final String producer;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  private Demo(PrintStream out, String producer) {
    this.out = out;
    this.producer = producer;
  }

  public static void main(String[] args) throws Exception {
    String producer = "maxwell";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--producer") && i + 1 < args.length) {
        producer = args[++i];
      } else if (args[i].startsWith("--producer=")) {
        producer = args[i].substring("--producer=".length());
      } else {
        System.err.println("usage: scripts/demo [--producer maxwell|debezium]");
        System.exit(2);
      }
    }
    if (!producer.equals("maxwell") && !producer.equals("debezium")) {
      System.err.println("demo: --producer must be maxwell or debezium, got '" + producer + "'");
      System.exit(2);
    }
    Completeness result = new Demo(System.out, producer).run();
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
    progress("starting a Kafka broker");
    KafkaBroker kafka = keep(KafkaBroker.start());
    db.createDatabase(DATABASE);
    DemoWorkload workload = new DemoWorkload(this::progress);
    try (Connection c = db.connection(DATABASE)) {
      workload.createSchema(c);
    }
    startProducer(db, kafka);

    progress("starting the audit pipeline: Kafka topic " + TOPIC + " -> " + storeName());
    DemoStore store = keep(DemoStore.start());
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    AuditPipeline pipeline = keep(AuditPipeline.builder()
        .name("demo")
        .source(KafkaChangeSource.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .groupId("demo-audit")
            .topics(TOPIC)
            .build())
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
    out.println("Audit history of a few rows (" + producer + " -> Kafka -> cdc-audit -> " + storeName() + "):");
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

  private void startProducer(MariaDbServer db, KafkaBroker kafka) {
    if (producer.equals("maxwell")) {
      progress("starting Maxwell's Daemon -> Kafka topic " + TOPIC);
      keep(MaxwellProcess.start(db, kafka, TOPIC, "demo", MaxwellProcess.FULL_OUTPUT));
    } else {
      progress("starting Debezium (MariaDB connector) -> Kafka topic " + TOPIC);
      keep(DebeziumProcess.start(db, kafka, Map.of(
          "name", "demo", "topic.prefix", "demo", "database.include.list", DATABASE, DebeziumProcess.TOPIC, TOPIC)));
    }
  }

  private void awaitTrail(java.util.function.IntSupplier storedRows, AuditPipeline pipeline, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TRAIL_TIMEOUT.toNanos();
    long lastReport = 0;
    while (System.nanoTime() < deadline) {
      PipelineHealth health = pipeline.health();
      long rows = storedRows.getAsInt();
      boolean settled = rows >= expected && health.inFlightMessages() == 0 && health.lag() == 0;
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
    return DemoStore.NAME;
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
