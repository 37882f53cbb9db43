package io.cdcaudit.examples.demo;

import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.trail.AuditTrail;
import java.io.PrintStream;
import java.util.List;

/** Prints a row's audit history as a timeline: when, what, who (and how we know), which columns changed. */
final class Timeline {

  private Timeline() {}

  static void print(PrintStream out, AuditTrail trail, TableRef table, long id) {
    List<AuditRecord> history = trail.stream(AuditQuery.rowHistory(table, PrimaryKey.of("id", id)), SortOrder.OLDEST_FIRST).toList();
    out.println();
    out.println("  " + table + " id=" + id + " (" + history.size() + " changes)");
    for (AuditRecord record : history) {
      String who = record.actor().isKnown()
          ? record.actor().name() + " (" + record.actor().source().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"
          : "unknown";
      String tx = record.event().transaction().map(t -> "  tx " + t.id()).orElse("");
      out.printf("    %s  %-6s by %s%s%n", record.event().committedAt(), record.event().operation().name(), who, tx);
      for (FieldChange change : record.changes()) {
        out.printf("        %-11s %s -> %s%n", change.column(), show(change.before()), show(change.after()));
      }
    }
  }

  private static String show(Value value) {
    return value.isNull() ? "NULL" : value instanceof Value.Text ? '"' + value.asText() + '"' : value.asText();
  }
}
