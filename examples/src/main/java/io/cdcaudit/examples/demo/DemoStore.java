package io.cdcaudit.examples.demo;

import io.cdcaudit.mongo.MongoAuditStore;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import io.cdcaudit.influx.InfluxAuditStore;
import io.cdcaudit.s3.S3AuditStore;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.testservers.InfluxServer;
import io.cdcaudit.testservers.MongoStandIn;
import io.cdcaudit.testservers.S3Buckets;
import io.cdcaudit.testservers.S3MockServer;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store the demo keeps its audit trail in, chosen by {@code --store}: {@code mongo} (the default),
 * {@link MongoAuditStore} over the MongoDB stand-in of audit-test-servers (mongo-java-server on a free loopback port;
 * no real mongod can be had on these machines; set {@code CDCAUDIT_MONGO_URI} to use a real MongoDB instead), or
 * {@code s3}, {@link S3AuditStore} in a bucket of its own on S3Mock (an S3 emulator in a JVM of its own, on free
 * loopback ports), or {@code influx}, {@link InfluxAuditStore} on a private influxd (Debian's InfluxDB 1.x).
 * {@link #close()} stops what it started.
 */
final class DemoStore implements AutoCloseable {

  /** The values of {@code --store}, the default first. */
  static final List<String> CHOICES = List.of("mongo", "s3", "influx");

  private final String name;
  private final AuditStore store;
  private final AuditQueries queries;
  private final List<AutoCloseable> closedInOrder;

  private <S extends AuditStore & AuditQueries> DemoStore(String name, S store, List<AutoCloseable> closedInOrder) {
    this.name = name;
    this.store = store;
    this.queries = store;
    this.closedInOrder = closedInOrder;
  }

  /** Starts the store named by {@code choice}, one of {@link #CHOICES}, telling {@code progress} what it starts. */
  static DemoStore start(String choice, Consumer<String> progress) {
    return switch (choice) {
      case "mongo" -> startMongo(progress);
      case "s3" -> startS3(progress);
      case "influx" -> startInflux(progress);
      default -> throw new IllegalArgumentException("--store must be mongo, s3 or influx, got '" + choice + "'");
    };
  }

  private static DemoStore startMongo(Consumer<String> progress) {
    progress.accept("starting the MongoDB stand-in (or using CDCAUDIT_MONGO_URI's MongoDB)");
    MongoStandIn mongo = MongoStandIn.configuredOrStart();
    try {
      MongoAuditStore store = MongoAuditStore.builder(mongo.client(), "demo_audit").build();
      store.ensureSchema();
      return new DemoStore("MongoDB", store, List.of(mongo));
    } catch (RuntimeException e) {
      mongo.close();
      throw e;
    }
  }

  private static DemoStore startS3(Consumer<String> progress) {
    progress.accept("starting S3Mock (an S3 emulator)");
    S3MockServer s3Mock = S3MockServer.start();
    try {
      String bucket = S3Buckets.createUnique(s3Mock, "demo-audit");
      S3Client client = S3Buckets.client(s3Mock);
      progress.accept("the audit trail goes to s3://" + bucket + "/trail/ on " + s3Mock.endpoint());
      // The client before its server, so that no connection outlives S3Mock.
      return new DemoStore("S3", S3AuditStore.builder(client).bucket(bucket).prefix("trail/").build(),
          List.of(client, s3Mock));
    } catch (RuntimeException e) {
      s3Mock.close();
      throw e;
    }
  }

  private static DemoStore startInflux(Consumer<String> progress) {
    progress.accept("starting influxd (Debian's InfluxDB 1.x)");
    InfluxServer influx = InfluxServer.start();
    try {
      InfluxDBClient client = InfluxDBClientFactory.create(InfluxDBClientOptions.builder().url(influx.url())
          .authenticateToken(new char[0]).build());
      InfluxAuditStore store = InfluxAuditStore.builder(client).database("demo_audit").build();
      store.ensureSchema();
      progress.accept("the audit trail goes to database demo_audit, measurement " + store.measurement() + " on "
          + influx.url());
      // The client before its server.
      return new DemoStore("InfluxDB", store, List.of(client, influx));
    } catch (RuntimeException e) {
      influx.close();
      throw e;
    }
  }

  /** The store's name for the demo's output: {@code MongoDB}, {@code S3} or {@code InfluxDB}. */
  String name() {
    return name;
  }

  AuditStore store() {
    return store;
  }

  AuditQueries queries() {
    return queries;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : closedInOrder) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("demo: while stopping the store: " + e);
      }
    }
  }
}
