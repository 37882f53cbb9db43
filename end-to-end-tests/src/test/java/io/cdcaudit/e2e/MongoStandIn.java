package io.cdcaudit.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.cdcaudit.mongo.MongoAuditStore;

/**
 * A MongoDB wire-compatible stand-in server (mongo-java-server; no real mongod can be had here) on
 * a free loopback port, with a {@link MongoAuditStore} over it. Other JVMs reach it by {@link #uri()}.
 */
final class MongoStandIn implements AutoCloseable {

  private final MongoServer server;
  private final MongoClient client;
  private final MongoAuditStore store;
  private final String uri;

  private MongoStandIn() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    client = MongoClients.create(uri);
    store = MongoAuditStore.builder(client, "audit").build();
    store.ensureSchema();
  }

  static MongoStandIn start() {
    return new MongoStandIn();
  }

  String uri() {
    return uri;
  }

  MongoAuditStore store() {
    return store;
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
