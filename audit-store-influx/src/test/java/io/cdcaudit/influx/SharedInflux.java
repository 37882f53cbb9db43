package io.cdcaudit.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import io.cdcaudit.testservers.InfluxServer;
import io.cdcaudit.testservers.TestServers;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The module's real influxd 1.6.7 ({@link TestServers#influx()}, shared by every test class) and one client for it;
 * each store gets a database of its own.
 */
final class SharedInflux {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static InfluxDBClient client;

  private SharedInflux() {
  }

  static InfluxServer server() {
    return TestServers.influx();
  }

  static synchronized InfluxDBClient client() {
    if (client == null) {
      client = clientFor(server().url());
      Runtime.getRuntime().addShutdownHook(new Thread(client::close));
    }
    return client;
  }

  /** A client of the server at {@code url}, with the options every test uses. */
  static InfluxDBClient clientFor(String url) {
    return InfluxDBClientFactory.create(InfluxDBClientOptions.builder().url(url).authenticateToken(new char[0])
        .build());
  }

  static String freshDatabase(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
  }

  /** A store on a new database, its schema created. */
  static InfluxAuditStore emptyStore(UnaryOperator<InfluxAuditStore.Builder> settings) {
    InfluxAuditStore store = settings.apply(InfluxAuditStore.builder(client()).database(freshDatabase("kit"))).build();
    store.ensureSchema();
    return store;
  }

  static void drop(InfluxAuditStore store) {
    server().query("DROP DATABASE \"" + store.database() + "\"", null);
  }
}
