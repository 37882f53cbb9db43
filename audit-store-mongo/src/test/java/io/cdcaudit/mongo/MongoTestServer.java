package io.cdcaudit.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MongoDB server of the tests: one per JVM. By default the in-process stand-in of
 * recipes/SERVICES.md (mongo-java-server with its memory backend, bound to 127.0.0.1 on a free
 * port); when the system property {@value #URI_PROPERTY} or the environment variable
 * {@value #URI_VARIABLE} holds a connection string, that server instead (a real mongod).
 *
 * <p>Every test gets a database of its own ({@link #freshDatabase()}), dropped afterwards.
 */
public final class MongoTestServer {

  public static final String URI_PROPERTY = "cdcaudit.mongo.uri";
  public static final String URI_VARIABLE = "CDCAUDIT_MONGO_URI";

  private static final AtomicLong DATABASES = new AtomicLong();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static volatile MongoTestServer instance;

  private final MongoServer standIn;
  private final MongoClient client;
  private final String connectionString;

  private MongoTestServer() {
    String uri = configuredUri();
    if (uri == null) {
      standIn = new MongoServer(new MemoryBackend());
      standIn.bind("127.0.0.1", 0);
      connectionString = "mongodb://127.0.0.1:" + standIn.getLocalAddress().getPort();
    } else {
      standIn = null;
      connectionString = uri;
    }
    client = newClient();
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mongo-test-server-shutdown"));
  }

  /** The server of this JVM, started on first use. */
  public static MongoTestServer get() {
    MongoTestServer server = instance;
    if (server == null) {
      synchronized (MongoTestServer.class) {
        server = instance;
        if (server == null) {
          server = new MongoTestServer();
          instance = server;
        }
      }
    }
    return server;
  }

  /** The connection string given by property or environment, or {@code null} for the stand-in. */
  public static String configuredUri() {
    String uri = System.getProperty(URI_PROPERTY);
    if (uri == null || uri.isBlank()) {
      uri = System.getenv(URI_VARIABLE);
    }
    return uri == null || uri.isBlank() ? null : uri.trim();
  }

  /** Whether the tests run against the in-process stand-in (not a real mongod). */
  public boolean isStandIn() {
    return standIn != null;
  }

  /** The shared client. */
  public MongoClient client() {
    return client;
  }

  /** A client of its own, for a test that closes it. */
  public MongoClient newClient() {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(connectionString))
        .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build());
  }

  /** An empty database no other test uses. */
  public MongoDatabase freshDatabase() {
    return client.getDatabase("cdcaudit_test_" + RUN + "_" + DATABASES.incrementAndGet());
  }

  /** Drops a database made by {@link #freshDatabase()}. */
  public void drop(MongoDatabase database) {
    if (database != null) {
      database.drop();
    }
  }

  private void shutdown() {
    client.close();
    if (standIn != null) {
      standIn.shutdownNow();
    }
  }
}
