package io.cdcaudit.codec.internal;

import io.cdcaudit.event.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Validates the primary-key settings of the decoder builders. Internal: not part of the public API. */
public final class KeySettings {

  private KeySettings() {}

  /**
   * Validates and adds one table's key columns to {@code into}.
   *
   * @param setting the setting's name for error messages, such as {@code MaxwellDecoder.primaryKey}
   * @throws IllegalArgumentException naming the setting when the table is not {@code db.table} or
   *     the columns are missing, blank or repeated
   */
  public static void add(Map<String, List<String>> into, String setting, String table, String... columns) {
    if (table == null) {
      throw new IllegalArgumentException(setting + ": the table is null; expected 'database.table'");
    }
    TableRef ref;
    try {
      ref = TableRef.parse(table);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
    }
    if (columns == null || columns.length == 0) {
      throw new IllegalArgumentException(setting + ": no key columns given for " + table);
    }
    List<String> names = new ArrayList<>(columns.length);
    for (String column : columns) {
      if (column == null || column.isBlank()) {
        throw new IllegalArgumentException(setting + ": a key column of " + table + " is blank");
      }
      names.add(column);
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException(setting + ": the key columns of " + table + " repeat a column: " + names);
    }
    into.put(ref.qualifiedName(), List.copyOf(names));
  }

  /**
   * Validates the bound of learned tables.
   *
   * @throws IllegalArgumentException naming the setting when {@code max} is negative
   */
  public static int maxLearned(String setting, int max) {
    if (max < 0) {
      throw new IllegalArgumentException(setting + " must be >= 0 (0 turns learning off), got " + max);
    }
    return max;
  }
}
