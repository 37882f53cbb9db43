package io.cdcaudit.examples.demo;

import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.testservers.MongoStandIn;

/**
 * The store the demo keeps its audit trail in: {@link MongoAuditStore} over the MongoDB stand-in of
 * audit-test-servers (mongo-java-server on a free loopback port; no real mongod can be had on these
 * machines). Set {@code CDCAUDIT_MONGO_URI} to use a real MongoDB instead.
 */
final class DemoStore implements AutoCloseable {

  static final String NAME = "MongoDB";

  private final MongoStandIn mongo;
  private final MongoAuditStore store;

  private DemoStore(MongoStandIn mongo) {
    this.mongo = mongo;
    this.store = MongoAuditStore.builder(mongo.client(), "demo_audit").build();
    store.ensureSchema();
  }

  static DemoStore start() {
    MongoStandIn mongo = MongoStandIn.configuredOrStart();
    try {
      return new DemoStore(mongo);
    } catch (RuntimeException e) {
      mongo.close();
      throw e;
    }
  }

  AuditStore store() {
    return store;
  }

  AuditQueries queries() {
    return store;
  }

  @Override
  public void close() {
    mongo.close();
  }
}
