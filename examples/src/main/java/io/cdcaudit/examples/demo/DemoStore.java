package io.cdcaudit.examples.demo;

import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditStore;

/** The store the demo keeps its audit trail in. */
final class DemoStore implements AutoCloseable {

  static final String NAME = "the in-memory store";

  private final InMemoryAuditStore store = new InMemoryAuditStore();

  static DemoStore start() {
    return new DemoStore();
  }

  AuditStore store() {
    return store;
  }

  AuditQueries queries() {
    return store;
  }

  @Override
  public void close() {}
}
