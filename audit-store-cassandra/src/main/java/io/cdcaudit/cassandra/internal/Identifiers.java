package io.cdcaudit.cassandra.internal;

import java.util.regex.Pattern;

/**
 * Keyspace and table names. Every name that goes into CQL text is checked against a strict pattern here and then
 * double-quoted; row data never goes into CQL text at all (it is always a bound value), so no table name, column
 * name or value of an audited database can change a statement.
 */
public final class Identifiers {

  /** A keyspace name: Cassandra allows at most 48 characters of letters, digits and underscores. */
  public static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,47}");

  /** A prefix for this store's table names, so that several stores can share a keyspace. */
  public static final Pattern TABLE_PREFIX = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]{0,31})?");

  private Identifiers() {
  }

  /** {@code "name"}: only ever called with names that matched one of the patterns above. */
  public static String quote(String name) {
    if (!KEYSPACE.matcher(name).matches()) {
      throw new IllegalArgumentException("not a validated CQL identifier: '" + name + "'");
    }
    return '"' + name + '"';
  }

  /** Whether {@code value} is a keyspace name this store accepts. */
  public static boolean isKeyspace(String value) {
    return value != null && KEYSPACE.matcher(value).matches();
  }

  /** Whether {@code value} is a table prefix this store accepts. */
  public static boolean isTablePrefix(String value) {
    return value != null && TABLE_PREFIX.matcher(value).matches();
  }

  /** A name for CQL text and error messages: a short quoted excerpt, with control characters escaped. */
  public static String describe(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < value.length() && i < 80; i++) {
      char c = value.charAt(i);
      s.append(c < 0x20 ? String.format("\\u%04x", (int) c) : c);
    }
    return s.append(value.length() > 80 ? "...'" : "'").toString();
  }
}
