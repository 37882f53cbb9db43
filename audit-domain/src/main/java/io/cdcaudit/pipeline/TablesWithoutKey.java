package io.cdcaudit.pipeline;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records of row changes without a primary key: stored, but no row's history or state finds them.
 * Each is counted and heard; each table is named once in the log, with how to configure its key.
 */
final class TablesWithoutKey {

  // Bounds the memory of tables named: a source of endless keyless tables must not fill the heap.
  private static final int MAX_TABLES_LOGGED = 1000;

  private final Set<TableRef> logged = ConcurrentHashMap.newKeySet();
  private final PipelineCounters counters;
  private final PipelineListener listener;
  private final PipelineLog log;

  TablesWithoutKey(PipelineCounters counters, PipelineListener listener, PipelineLog log) {
    this.counters = counters;
    this.listener = listener;
    this.log = log;
  }

  /** Counts {@code record} when it is of a row change without a key, and names its table once. */
  void note(AuditRecord record) {
    if (!record.event().operation().isRowChange() || !record.event().primaryKey().isNone()) {
      return;
    }
    counters.withoutKey.increment();
    TableRef table = record.event().table();
    listener.onStoredWithoutKey(table);
    if (logged.size() < MAX_TABLES_LOGGED && logged.add(table)) {
      log.warning("changes of " + table + " come without a primary key: they are"
          + " stored, but no row's history or state finds them. Configure the key on the decoder"
          + " (MaxwellDecoder.Builder.primaryKey(\"" + table + "\", \"id\"), the same on DebeziumDecoder), or have the"
          + " producer send it (Maxwell: Kafka keys or output_primary_key_columns)");
    }
  }
}
