package io.cdcaudit.examples.demo;

import io.cdcaudit.event.Operation;

/** One row change the demo workload makes: what the audit trail must hold once, afterwards. */
record ExpectedChange(String table, long id, Operation operation) {

  String key() {
    return table + "#" + id + "#" + operation.wireName();
  }
}
