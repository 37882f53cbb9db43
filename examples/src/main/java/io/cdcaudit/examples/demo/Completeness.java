package io.cdcaudit.examples.demo;

import io.cdcaudit.event.Value;
import io.cdcaudit.record.AuditRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the changes a workload made with the records a store holds: what is missing and what
 * is there more often than it happened.
 */
record Completeness(int changes, int records, int missing, int duplicated) {

  static Completeness of(List<ExpectedChange> expected, List<AuditRecord> stored) {
    Map<String, Integer> counts = new HashMap<>();
    for (ExpectedChange change : expected) {
      counts.merge(change.key(), 1, Integer::sum);
    }
    for (AuditRecord record : stored) {
      Value id = record.event().primaryKey().columns().get("id");
      String key = record.event().table().table() + "#" + (id == null ? "?" : id.asText()) + "#" + record.event().operation().wireName();
      counts.merge(key, -1, Integer::sum);
    }
    int missing = 0;
    int duplicated = 0;
    for (int balance : counts.values()) {
      if (balance > 0) {
        missing += balance;
      } else {
        duplicated -= balance;
      }
    }
    return new Completeness(expected.size(), stored.size(), missing, duplicated);
  }

  String summary() {
    return "demo: " + changes + " changes made, " + records + " audit records stored, " + missing + " missing, " + duplicated + " duplicated";
  }
}
