package io.cdcaudit.benchmarks;

import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Deterministic Maxwell and Debezium messages of rows with a given number of columns, for the JMH
 * benchmarks. Message {@code n} is an insert, an update or a delete (6:3:1, as in
 * {@code SyntheticMaxwellEvents}); an update changes {@code status}, {@code updated_by} and one more
 * column. The first columns are named ({@code id, customer_id, email, status, updated_by, total,
 * card_number, note, password_hash, created_at}); the others are {@code c10 ... c99}, of integer,
 * text, decimal, date-time and nullable kinds in turn. Shaped like the real producers' output:
 * Maxwell with {@code --output_binlog_position} and its key columns, Debezium 3.5 MariaDB JSON
 * without schemas ({@code decimal.handling.mode=string}) with its key as the message key.
 */
public final class RowMessages {

  /** The database of every message. */
  public static final String DATABASE = "bench";

  private static final String[] NAMED = {
      "id", "customer_id", "email", "status", "updated_by", "total", "card_number", "note", "password_hash", "created_at"};
  private static final long BASE_SECONDS = 1_795_000_000L;

  private RowMessages() {}

  /** The table of rows with {@code columns} columns. */
  public static String table(int columns) {
    return "t" + columns;
  }

  /** {@code insert}, {@code update} or {@code delete}. */
  public static String type(long n) {
    int k = (int) (n % 10);
    return k < 6 ? "insert" : k < 9 ? "update" : "delete";
  }

  /** The Maxwell message {@code n} of a table with {@code columns} columns. */
  public static SourceMessage maxwell(int columns, long n) {
    String type = type(n);
    StringBuilder json = new StringBuilder(64 + columns * 32);
    json.append("{\"database\":\"").append(DATABASE).append("\",\"table\":\"").append(table(columns))
        .append("\",\"type\":\"").append(type).append("\",\"ts\":").append(BASE_SECONDS + n / 1000)
        .append(",\"xid\":").append(5000 + n).append(",\"commit\":true,\"position\":\"mysql-bin.000003:")
        .append(4 + 300 * n).append("\",\"server_id\":1,\"thread_id\":0,\"primary_key\":[").append(n)
        .append("],\"primary_key_columns\":[\"id\"],\"data\":");
    row(json, columns, n, !type.equals("insert"), false);
    if (type.equals("update")) {
      json.append(",\"old\":{\"status\":\"new\",\"updated_by\":\"user-").append((n + 1) % 37).append('"');
      int extra = changedColumn(columns);
      if (extra >= 0) {
        json.append(",\"").append(name(extra)).append("\":");
        value(json, extra, n + 1, false);
      }
      json.append('}');
    }
    json.append('}');
    return message("maxwell", null, json.toString(), n);
  }

  /** The Debezium message {@code n} of a table with {@code columns} columns, with its key {@code {"id":n}}. */
  public static SourceMessage debezium(int columns, long n) {
    String type = type(n);
    StringBuilder json = new StringBuilder(128 + columns * 64);
    json.append("{\"before\":");
    if (type.equals("insert")) {
      json.append("null");
    } else if (type.equals("update")) {
      beforeOfUpdate(json, columns, n);
    } else {
      row(json, columns, n, true, true);
    }
    json.append(",\"after\":");
    if (type.equals("delete")) {
      json.append("null");
    } else {
      row(json, columns, n, type.equals("update"), true);
    }
    long millis = (BASE_SECONDS + n / 1000) * 1000;
    json.append(",\"source\":{\"version\":\"3.5.0.Final\",\"connector\":\"mariadb\",\"name\":\"benchsrv\",\"ts_ms\":")
        .append(millis).append(",\"snapshot\":\"false\",\"db\":\"").append(DATABASE).append("\",\"sequence\":null,\"ts_us\":")
        .append(millis * 1000).append(",\"ts_ns\":").append(millis * 1_000_000).append(",\"table\":\"").append(table(columns))
        .append("\",\"server_id\":1,\"gtid\":\"0-1-").append(100 + n).append("\",\"file\":\"mysql-bin.000003\",\"pos\":")
        .append(4 + 300 * n).append(",\"row\":0,\"thread\":null,\"query\":null},\"transaction\":null,\"op\":\"")
        .append(type.equals("insert") ? "c" : type.equals("update") ? "u" : "d").append("\",\"ts_ms\":").append(millis + 93)
        .append(",\"ts_us\":").append((millis + 93) * 1000).append(",\"ts_ns\":").append((millis + 93) * 1_000_000).append('}');
    return message("debezium", "{\"id\":" + n + "}", json.toString(), n);
  }

  private static void beforeOfUpdate(StringBuilder json, int columns, long n) {
    // The row as it was: status, updated_by and one more column had other values.
    int extra = changedColumn(columns);
    json.append('{');
    for (int c = 0; c < columns; c++) {
      if (c > 0) {
        json.append(',');
      }
      json.append('"').append(name(c)).append("\":");
      if (c == 3) {
        json.append("\"new\"");
      } else if (c == 4) {
        json.append("\"user-").append((n + 1) % 37).append('"');
      } else {
        value(json, c, c == extra ? n + 1 : n, true);
      }
    }
    json.append('}');
  }

  /** The third column an update changes: {@code total}, or none in a row that has no such column. */
  private static int changedColumn(int columns) {
    return columns > 5 ? 5 : -1;
  }

  private static void row(StringBuilder json, int columns, long n, boolean updated, boolean debezium) {
    json.append('{');
    for (int c = 0; c < columns; c++) {
      if (c > 0) {
        json.append(',');
      }
      json.append('"').append(name(c)).append("\":");
      if (c == 3) {
        json.append(updated ? "\"paid\"" : "\"new\"");
      } else {
        value(json, c, n, debezium);
      }
    }
    json.append('}');
  }

  private static String name(int c) {
    return c < NAMED.length ? NAMED[c] : "c" + c;
  }

  private static void value(StringBuilder json, int c, long n, boolean debezium) {
    switch (c) {
      case 0 -> json.append(n);
      case 1 -> json.append(n % 977);
      case 2 -> json.append("\"customer").append(n % 977).append("@example.com\"");
      case 4 -> json.append("\"user-").append(n % 37).append('"');
      case 5 -> decimal(json, n, debezium);
      case 6 -> json.append("\"4111 1111 1111 ").append(String.format(Locale.ROOT, "%04d", n % 10_000)).append('"');
      case 7 -> json.append("\"deliver to the back door, ring twice; order ").append(n).append('"');
      case 8 -> json.append("\"$2a$10$").append(Long.toHexString(n * 0x9E3779B97F4A7C15L)).append("abcdefghijklmnopqrstuv\"");
      case 9 -> dateTime(json, n, debezium);
      default -> {
        switch (c % 5) {
          case 0 -> json.append(n * c % 100_000);
          case 1 -> json.append("\"text value ").append(c).append(" of row ").append(n).append('"');
          case 2 -> decimal(json, n + c, debezium);
          case 3 -> dateTime(json, n + c, debezium);
          default -> json.append(n % 3 == 0 ? "null" : Long.toString(n % 2));
        }
      }
    }
  }

  private static void decimal(StringBuilder json, long n, boolean debezium) {
    String text = (n % 1000) + "." + String.format(Locale.ROOT, "%02d", n % 100);
    if (debezium) {
      json.append('"').append(text).append('"'); // decimal.handling.mode=string
    } else {
      json.append(text);
    }
  }

  private static void dateTime(StringBuilder json, long n, boolean debezium) {
    if (debezium) {
      json.append((BASE_SECONDS + n) * 1000); // DATETIME as epoch milliseconds
    } else {
      json.append(String.format(Locale.ROOT, "\"2026-11-23 %02d:%02d:%02d\"", (n / 3600) % 24, (n / 60) % 60, n % 60));
    }
  }

  private static SourceMessage message(String topic, String key, String value, long n) {
    return SourceMessage.builder(new MessageCoordinates(SourcePartition.ordered(topic, "0"), Long.toString(n)))
        .key(key == null ? null : key.getBytes(StandardCharsets.UTF_8))
        .value(value.getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
