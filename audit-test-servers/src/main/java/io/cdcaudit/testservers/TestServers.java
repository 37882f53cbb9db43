package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.Registry;

/**
 * JVM-wide shared servers for tests that can share them: each is started on first use and closed by the shutdown
 * hook when the test JVM exits, so a test module starts each at most once. Tests that stop, kill or restart a server
 * must start their own instead ({@link KafkaBroker#start()}, {@link MariaDbServer#start()}, {@link MongoStandIn#start()},
 * {@link ElasticMqServer#start()}, {@link KinesisLocal#start()}, {@link DynaliteServer#start()},
 * {@link S3MockServer#start()}); tests that share one
 * should use their own topics, databases, queues, streams, tables, buckets and client ids.
 */
public final class TestServers {

  private static KafkaBroker kafka;
  private static MariaDbServer mariaDb;
  private static MongoStandIn mongo;
  private static ElasticMqServer elasticMq;
  private static KinesisLocal kinesisLocal;
  private static DynaliteServer dynalite;
  private static S3MockServer s3Mock;
  private static S3ProxyServer s3Proxy;
  private static InfluxServer influx;
  private static QuestDbServer questDb;

  private TestServers() {
  }

  /** The shared Kafka broker, started on first call. */
  public static synchronized KafkaBroker kafka() {
    if (kafka == null || !kafka.isRunning()) {
      if (kafka != null) {
        kafka.close();
      }
      kafka = KafkaBroker.start();
      Registry.register(kafka);
    }
    return kafka;
  }

  /** The shared MariaDB server, started on first call. */
  public static synchronized MariaDbServer mariaDb() {
    if (mariaDb == null || !mariaDb.isRunning()) {
      if (mariaDb != null) {
        mariaDb.close();
      }
      mariaDb = MariaDbServer.start();
      Registry.register(mariaDb);
    }
    return mariaDb;
  }

  /**
   * The shared MongoDB, made on first call: the real server named by {@value MongoStandIn#URI_PROPERTY} or
   * {@value MongoStandIn#URI_VARIABLE}, or else a stand-in in this JVM.
   */
  public static synchronized MongoStandIn mongo() {
    if (mongo == null) {
      mongo = MongoStandIn.configuredOrStart();
      Registry.register(mongo);
    }
    return mongo;
  }

  /** The shared ElasticMQ, started in this JVM on first call. */
  public static synchronized ElasticMqServer elasticMq() {
    if (elasticMq == null) {
      elasticMq = ElasticMqServer.start();
      Registry.register(elasticMq);
    }
    return elasticMq;
  }

  /**
   * The shared Kinesis emulator (kinesis-mock), started on first call; create streams of your own with
   * {@link KinesisStreams#createUnique}.
   */
  public static synchronized KinesisLocal kinesisLocal() {
    if (kinesisLocal == null || !kinesisLocal.isRunning()) {
      if (kinesisLocal != null) {
        kinesisLocal.close();
      }
      kinesisLocal = KinesisLocal.start();
      Registry.register(kinesisLocal);
    }
    return kinesisLocal;
  }

  /**
   * The shared DynamoDB emulator (dynalite), started on first call; give each KCL application a name of its own
   * ({@link KclLeaseTables#create}).
   */
  public static synchronized DynaliteServer dynalite() {
    if (dynalite == null || !dynalite.isRunning()) {
      if (dynalite != null) {
        dynalite.close();
      }
      dynalite = DynaliteServer.start();
      Registry.register(dynalite);
    }
    return dynalite;
  }

  /**
   * The shared S3 emulator (S3Mock), started on first call; create buckets of your own with
   * {@link S3Buckets#createUnique}.
   */
  public static synchronized S3MockServer s3Mock() {
    if (s3Mock == null || !s3Mock.isRunning()) {
      if (s3Mock != null) {
        s3Mock.close();
      }
      s3Mock = S3MockServer.start();
      Registry.register(s3Mock);
    }
    return s3Mock;
  }

  /**
   * The shared second S3 emulator (S3Proxy, filesystem), started on first call; create buckets of your own with
   * {@link S3Buckets#createUnique}.
   */
  public static synchronized S3ProxyServer s3Proxy() {
    if (s3Proxy == null || !s3Proxy.isRunning()) {
      if (s3Proxy != null) {
        s3Proxy.close();
      }
      s3Proxy = S3ProxyServer.start();
      Registry.register(s3Proxy);
    }
    return s3Proxy;
  }

  /** The shared InfluxDB 1.x (Debian's influxd), started on first call; give every test a database of its own. */
  public static synchronized InfluxServer influx() {
    if (influx == null || !influx.isRunning()) {
      if (influx != null) {
        influx.close();
      }
      influx = InfluxServer.start();
      Registry.register(influx);
    }
    return influx;
  }

  /** The shared QuestDB (a v2 line-protocol endpoint), started on first call; give every test a table of its own. */
  public static synchronized QuestDbServer questDb() {
    if (questDb == null || !questDb.isRunning()) {
      if (questDb != null) {
        questDb.close();
      }
      questDb = QuestDbServer.start();
      Registry.register(questDb);
    }
    return questDb;
  }

  /** The shared Cassandra node, started on first call (see {@link CassandraServer#shared()}). */
  public static CassandraServer cassandra() {
    return CassandraServer.shared();
  }
}
