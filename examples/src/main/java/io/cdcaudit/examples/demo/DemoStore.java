package io.cdcaudit.examples.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;

/**
 * The store the demo keeps its audit trail in: {@link MongoAuditStore} over a MongoDB
 * wire-compatible server on a free loopback port (mongo-java-server; no real mongod can be had on
 * these machines). Set {@code CDCAUDIT_MONGO_URI} to use a real MongoDB instead.
 */
final class DemoStore implements AutoCloseable {

  static final String NAME = "MongoDB";

  private final MongoServer server;
  private final MongoClient client;
  private final MongoAuditStore store;

  private DemoStore(MongoServer server, String uri) {
    this.server = server;
    this.client = MongoClients.create(uri);
    this.store = MongoAuditStore.builder(client, "demo_audit").build();
    store.ensureSchema();
  }

  static DemoStore start() {
    String uri = System.getenv("CDCAUDIT_MONGO_URI");
    if (uri != null && !uri.isBlank()) {
      return new DemoStore(null, uri);
    }
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return new DemoStore(server, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
  }

  AuditStore store() {
    return store;
  }

  AuditQueries queries() {
    return store;
  }

  @Override
  public void close() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }
}
