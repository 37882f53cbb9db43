package io.cdcaudit.influx.internal;

/**
 * Quoting for InfluxQL text. String literals escape backslash, quote and newline (the only escapes
 * the InfluxQL scanner knows besides {@code \"}; a raw newline ends a literal with an error);
 * identifiers are always double-quoted, so names that are keywords ({@code database}) stay names.
 */
public final class InfluxQl {

  private InfluxQl() {
  }

  /**
   * A single-quoted string literal.
   *
   * @param text any text
   * @return the literal
   */
  public static String literal(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * A double-quoted identifier.
   *
   * @param name a database, retention policy, measurement, tag or field name
   * @return the quoted identifier
   */
  public static String ident(String name) {
    return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * {@code "db"."rp"."measurement"}.
   *
   * @param database the database
   * @param retentionPolicy the retention policy
   * @param measurement the measurement
   * @return the fully qualified measurement
   */
  public static String from(String database, String retentionPolicy, String measurement) {
    return ident(database) + '.' + ident(retentionPolicy) + '.' + ident(measurement);
  }

  /**
   * {@code "tag" = 'value'}.
   *
   * @param key the tag or field
   * @param value the value
   * @return the condition
   */
  public static String eq(String key, String value) {
    return ident(key) + " = " + literal(value);
  }
}
