package io.cdcaudit.internal;

import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import java.util.Map;

/**
 * A deterministic compact JSON text of rows and values, used for primary-key strings and content
 * hashes. Numbers are printed as the value holds them, bytes as {@code {"$binary":"<base64>"}},
 * JSON values inline. Internal: not part of the public API.
 */
public final class CanonicalText {

  private CanonicalText() {}

  public static String json(Row row) {
    StringBuilder out = new StringBuilder(16 * row.size() + 2);
    appendRow(out, row);
    return out.toString();
  }

  public static void appendRow(StringBuilder out, Row row) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Value> column : row.asMap().entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendString(out, column.getKey());
      out.append(':');
      appendValue(out, column.getValue());
    }
    out.append('}');
  }

  public static void appendValue(StringBuilder out, Value value) {
    if (value.isNull()) {
      out.append("null");
    } else if (value instanceof Value.Text text) {
      appendString(out, text.value());
    } else if (value instanceof Value.Bytes) {
      out.append("{\"$binary\":\"").append(value.asText()).append("\"}");
    } else {
      // Bool, Int, BigInt and Decimal print as JSON literals; Json is already JSON text.
      out.append(value.asText());
    }
  }

  public static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
