package io.cdcaudit.sqs;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.fixtures.ExpectedEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a stored record says about its change, comparable with a line of the fixtures' expected.jsonl. */
record Expectations(String database, String table, String op, Map<String, Object> key) {

  static Expectations of(ExpectedEvent e) {
    return new Expectations(e.database(), e.tableOrEmpty(), e.operationWireName(), e.primaryKey());
  }

  static Expectations of(AuditRecord record) {
    ChangeEvent event = record.event();
    return new Expectations(event.table().database(), event.table().table(), event.operation().wireName(),
        event.primaryKey().isNone() ? null : plain(event.primaryKey().columns()));
  }

  static List<Expectations> ofRecords(List<AuditRecord> records) {
    return records.stream().map(Expectations::of).toList();
  }

  /** A key row as plain Java values, as expected.jsonl writes them. */
  private static Map<String, Object> plain(Row row) {
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Map.Entry<String, Value> column : row.asMap().entrySet()) {
      Value value = column.getValue();
      Object v;
      if (value.isNull()) {
        v = null;
      } else if (value instanceof Value.Int i) {
        v = i.value();
      } else if (value instanceof Value.BigInt b) {
        v = b.value();
      } else if (value instanceof Value.Decimal d) {
        v = d.value();
      } else if (value instanceof Value.Bool b) {
        v = b.value();
      } else {
        v = value.asText();
      }
      plain.put(column.getKey(), v);
    }
    return plain;
  }
}
