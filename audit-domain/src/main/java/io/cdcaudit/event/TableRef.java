package io.cdcaudit.event;

import java.util.Objects;

/**
 * A table, named by database and table. Names are kept as the producer gave them (MySQL table
 * names are case-sensitive on most platforms).
 *
 * @param database the database (schema) name; empty only for events that belong to no database
 * @param table the table name; empty for schema changes that concern a whole database
 */
public record TableRef(String database, String table) {

  /**
   * Rejects {@code null} names; empty ones are allowed (see the components).
   *
   * @param database the database (schema) name; empty only for events that belong to no database
   * @param table the table name; empty for schema changes that concern a whole database
   */
  public TableRef {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
  }

  /**
   * The table {@code database.table}.
   *
   * @param database the database (schema) name
   * @param table the table name
   * @return the table
   */
  public static TableRef of(String database, String table) {
    return new TableRef(database, table);
  }

  /**
   * Parses {@code "db.table"}. The first dot separates the two (MySQL database names cannot
   * contain one unquoted).
   *
   * @param qualifiedName the name, such as {@code shop.orders}
   * @return the table
   * @throws IllegalArgumentException when the text has no dot, or nothing before or after it
   */
  public static TableRef parse(String qualifiedName) {
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    int dot = qualifiedName.indexOf('.');
    if (dot <= 0 || dot == qualifiedName.length() - 1) {
      throw new IllegalArgumentException("expected 'database.table' but got '" + qualifiedName + "'");
    }
    return new TableRef(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
  }

  /**
   * The name as {@code db.table}, or just {@code db} for a change to the whole database.
   *
   * @return the qualified name
   */
  public String qualifiedName() {
    return table.isEmpty() ? database : database + '.' + table;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
