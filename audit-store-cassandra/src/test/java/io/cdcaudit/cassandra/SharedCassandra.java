package io.cdcaudit.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.cdcaudit.testservers.CassandraServer;
import io.cdcaudit.testservers.TestServers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One Cassandra node (the JVM-wide shared one), one session and one schema for every test of this module: the schema
 * is created once, and each test starts from empty tables (TRUNCATE, all tables at once).
 */
final class SharedCassandra {

  static final String KEYSPACE = "cdc_audit_test";

  private static CqlSession session;
  private static boolean schemaReady;

  private SharedCassandra() {
  }

  /** The session: the shared node, local data centre {@code datacenter1}, schema changes applied without delay. */
  static synchronized CqlSession session() {
    if (session == null) {
      CassandraServer cassandra = TestServers.cassandra();
      session = CqlSession.builder()
          .addContactPoint(cassandra.contactPoint())
          .withLocalDatacenter(cassandra.localDatacenter())
          .withConfigLoader(config())
          .build();
      Runtime.getRuntime().addShutdownHook(new Thread(session::close, "close test CqlSession"));
    }
    return session;
  }

  static DriverConfigLoader config() {
    return DriverConfigLoader.programmaticBuilder()
        // otherwise the driver waits ~1 s after each DDL statement before refreshing its schema metadata
        .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(1))
        // a 2-core machine that also builds other modules: be patient
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
        .build();
  }

  /** A builder on the shared session and the test keyspace. */
  static CassandraAuditStore.Builder storeBuilder() {
    return CassandraAuditStore.builder(session()).keyspace(KEYSPACE);
  }

  /** A store on empty tables: the schema is created on the first call, the tables truncated on every call. */
  static synchronized CassandraAuditStore emptyStore() {
    CassandraAuditStore store = storeBuilder().build();
    if (!schemaReady) {
      store.ensureSchema();
      schemaReady = true;
    }
    truncate(store);
    return store;
  }

  static void truncate(CassandraAuditStore store) {
    List<CompletableFuture<?>> truncations = new ArrayList<>();
    for (String table : store.tableNames()) {
      truncations.add(session().executeAsync(SimpleStatement.newInstance(
          "TRUNCATE \"" + store.keyspace() + "\".\"" + table + "\"").setTimeout(Duration.ofSeconds(60)))
          .toCompletableFuture());
    }
    CompletableFuture.allOf(truncations.toArray(CompletableFuture[]::new)).join();
  }
}
