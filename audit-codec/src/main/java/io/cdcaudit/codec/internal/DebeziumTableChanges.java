package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.event.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the primary keys out of the {@code tableChanges} of Debezium's schema-change events
 * ({@code tableChanges[].table.primaryKeyColumnNames}, a table dropped by {@code type} DROP).
 * Internal: not part of the public API.
 *
 * <p>Learning is best effort: an event is decoded alike whether or not a change can be read, so a
 * change that is not as expected is passed over rather than refused.
 */
public final class DebeziumTableChanges {

  private DebeziumTableChanges() {}

  /** Learns (or, for a dropped table, forgets) the key columns of every table the changes describe. */
  public static void learnKeys(JsonNode changes, KeyColumns keyColumns) {
    for (JsonNode change : changes) {
      TableRef table = change.isObject() ? tableId(change.get("id")) : null;
      if (table == null) {
        continue;
      }
      JsonNode type = change.get("type");
      if (type != null && "DROP".equals(type.asText())) {
        keyColumns.forget(table);
        continue;
      }
      JsonNode definition = change.get("table");
      JsonNode columns = definition == null ? null : definition.get("primaryKeyColumnNames");
      if (columns == null || !columns.isArray()) {
        continue;
      }
      List<String> names = new ArrayList<>(columns.size());
      for (JsonNode column : columns) {
        if (column.isTextual() && !column.textValue().isEmpty()) {
          names.add(column.textValue());
        }
      }
      keyColumns.learn(table, names);
    }
  }

  /** Parses a table id: {@code "db"."table"} as Debezium prints it, or {@code db.table}. */
  public static TableRef tableId(JsonNode id) {
    if (id == null || !id.isTextual()) {
      return null;
    }
    String text = id.textValue();
    List<String> parts = new ArrayList<>(3);
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          part.append('"'); // a doubled quote inside a quoted name
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '.' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    if (quoted || parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
      return null;
    }
    return TableRef.of(parts.get(0), parts.get(1));
  }
}
