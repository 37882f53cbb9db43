package io.cdcaudit.codec.internal;

import io.cdcaudit.event.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The primary-key settings the Maxwell and Debezium builders share: key columns per table, and how
 * many tables' keys learned from DDL to keep. Validated as they are set, with errors that name
 * the setting as the builder's user knows it ({@code MaxwellDecoder.primaryKey: ...}). Internal:
 * not part of the public API.
 *
 * <p>Not thread-safe, as a builder; {@link #keyColumns()} gives each decoder its own copy.
 */
public final class KeySettings {

  /** How many tables' learned primary keys a decoder keeps unless told otherwise. */
  public static final int DEFAULT_MAX_LEARNED_TABLES = 10_000;

  private final String owner;
  private final Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
  private int maxLearnedTables = DEFAULT_MAX_LEARNED_TABLES;

  /** @param owner the builder's decoder, the prefix of setting names: {@code MaxwellDecoder} */
  public KeySettings(String owner) {
    this.owner = owner;
  }

  /**
   * Sets one table's key columns.
   *
   * @throws IllegalArgumentException naming {@code <owner>.primaryKey} when the table is not
   *     {@code db.table} or the columns are missing, blank or repeated
   */
  public void primaryKey(String table, String... columns) {
    String setting = owner + ".primaryKey";
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
    primaryKeys.put(ref.qualifiedName(), List.copyOf(names));
  }

  /**
   * Sets the key columns of several tables, as {@link #primaryKey} one by one.
   *
   * @throws NullPointerException naming {@code <owner>.primaryKeys} when {@code keys} is null
   */
  public void primaryKeys(Map<String, List<String>> keys) {
    Objects.requireNonNull(keys, owner + ".primaryKeys");
    keys.forEach((table, columns) -> primaryKey(table, columns == null ? null : columns.toArray(String[]::new)));
  }

  /**
   * Sets the bound of learned tables.
   *
   * @throws IllegalArgumentException naming {@code <owner>.maxLearnedTables} when {@code max} is negative
   */
  public void maxLearnedTables(int max) {
    if (max < 0) {
      throw new IllegalArgumentException(owner + ".maxLearnedTables must be >= 0 (0 turns learning off), got " + max);
    }
    this.maxLearnedTables = max;
  }

  /** The key columns of a new decoder: a copy of the configured ones, and room to learn. */
  public KeyColumns keyColumns() {
    return new KeyColumns(primaryKeys, maxLearnedTables);
  }

  /** The settings for a builder's {@code toString}: how many keys are configured, and the bound. */
  @Override
  public String toString() {
    return "configured keys=" + primaryKeys.size() + ", maxLearnedTables=" + maxLearnedTables;
  }
}
