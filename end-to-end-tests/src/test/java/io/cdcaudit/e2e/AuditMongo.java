package io.cdcaudit.e2e;

import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.testservers.MongoStandIn;

/**
 * The audit trail of one end-to-end test: a MongoDB stand-in of its own (audit-test-servers), with the store's
 * schema in place before any pipeline writes (its unique index is what keeps a redelivered event stored once).
 * {@link PipelineProcess} JVMs reach it by {@link #uri()} and write to the same database.
 */
final class AuditMongo implements AutoCloseable {

  static final String DATABASE = "audit";

  private final MongoStandIn mongo;
  private final MongoAuditStore store;

  private AuditMongo(MongoStandIn mongo) {
    this.mongo = mongo;
    this.store = MongoAuditStore.builder(mongo.client(), DATABASE).build();
    store.ensureSchema();
  }

  static AuditMongo start() {
    MongoStandIn mongo = MongoStandIn.start();
    try {
      return new AuditMongo(mongo);
    } catch (RuntimeException e) {
      mongo.close();
      throw e;
    }
  }

  String uri() {
    return mongo.uri();
  }

  MongoAuditStore store() {
    return store;
  }

  @Override
  public void close() {
    mongo.close();
  }
}
