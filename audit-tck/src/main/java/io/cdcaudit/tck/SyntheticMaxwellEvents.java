package io.cdcaudit.tck;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Deterministic Maxwell-format events for load, fault and benchmark runs, shaped like real
 * Maxwell output with {@code --output_binlog_position}: event {@code n} of a stream is an insert,
 * an update with {@code old}, or a delete (6:3:1) of one of four tables, about 400 bytes, with its
 * own binlog position, so every event has its own event id and a re-delivered one the same.
 * {@link #key(long)} is the Kafka key Maxwell would write (hash format).
 */
public final class SyntheticMaxwellEvents {

  /** The database the events belong to. */
  public static final String DATABASE = "loadtest";

  private static final String[] TABLES = {"orders", "customers", "payments", "shipments"};
  private static final long BASE_SECONDS = 1_795_000_000L;

  private SyntheticMaxwellEvents() {}

  /**
   * The table of event {@code n}.
   *
   * @param n the event's number, from 0
   * @return the table's name
   */
  public static String table(long n) {
    return TABLES[(int) (n % TABLES.length)];
  }

  /**
   * The primary key (column {@code id}) of event {@code n}'s row.
   *
   * @param n the event's number, from 0
   * @return the row's id
   */
  public static long rowId(long n) {
    return n / 10;
  }

  /**
   * The Maxwell operation of event {@code n}: {@code insert}, {@code update} or {@code delete}.
   *
   * @param n the event's number, from 0
   * @return the operation
   */
  public static String type(long n) {
    int k = (int) (n % 10);
    return k < 6 ? "insert" : k < 9 ? "update" : "delete";
  }

  /**
   * The Maxwell JSON of event {@code n}.
   *
   * @param n the event's number, from 0
   * @return the event's JSON, UTF-8
   */
  public static byte[] event(long n) {
    String type = type(n);
    long id = rowId(n);
    String data = String.format(Locale.ROOT,
        "{\"id\":%d,\"customer_id\":%d,\"status\":\"%s\",\"total\":%d.%02d,\"note\":\"synthetic change %d for load runs\","
            + "\"updated_by\":\"user-%d\",\"created_at\":\"2026-11-23 10:%02d:%02d\"}",
        id, id % 977, type.equals("update") ? "paid" : "new", n % 1000, n % 100, n, n % 37, (n / 60) % 60, n % 60);
    String old = type.equals("update") ? ",\"old\":{\"status\":\"new\",\"updated_by\":\"user-" + ((n + 1) % 37) + "\"}" : "";
    String json = "{\"database\":\"" + DATABASE + "\",\"table\":\"" + table(n) + "\",\"type\":\"" + type + "\",\"ts\":"
        + (BASE_SECONDS + n / 1000) + ",\"xid\":" + (1000 + n) + ",\"commit\":true,\"position\":\"mysql-bin.000001:"
        + (4 + 100 * n) + "\",\"server_id\":1,\"thread_id\":0,\"primary_key\":[" + id + "],\"primary_key_columns\":[\"id\"],"
        + "\"data\":" + data + old + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The Kafka key Maxwell writes for event {@code n}.
   *
   * @param n the event's number, from 0
   * @return the key's JSON, UTF-8
   */
  public static byte[] key(long n) {
    return ("{\"database\":\"" + DATABASE + "\",\"table\":\"" + table(n) + "\",\"pk.id\":" + rowId(n) + "}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
