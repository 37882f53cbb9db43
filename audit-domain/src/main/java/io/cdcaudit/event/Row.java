package io.cdcaudit.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * An immutable row image: column names in table order, each with its {@link Value}.
 *
 * <p>A column that is absent is not the same as a column that is NULL: {@link #get(String)}
 * returns {@code null} for an absent column and {@link Value#NULL} for a NULL one. Two rows are
 * equal when they have the same columns in the same order with equal values.
 */
public final class Row {

  /** The row with no columns: the "before" of an insert, the "after" of a delete. */
  public static final Row EMPTY = new Row(Map.of());

  private final Map<String, Value> columns;

  private Row(Map<String, Value> columns) {
    this.columns = columns;
  }

  /**
   * A row of the given columns, in the map's iteration order (pass a {@code LinkedHashMap} to keep
   * table order).
   *
   * @param columns column names and their values; no name may be empty, no value {@code null}
   * @return the row, {@link #EMPTY} for an empty map
   */
  public static Row of(Map<String, ? extends Value> columns) {
    Objects.requireNonNull(columns, "columns");
    if (columns.isEmpty()) {
      return EMPTY;
    }
    LinkedHashMap<String, Value> copy = new LinkedHashMap<>(capacity(columns.size()));
    columns.forEach((name, value) -> copy.put(requireColumn(name), Objects.requireNonNull(value, () -> "value of column " + name)));
    return new Row(Collections.unmodifiableMap(copy));
  }

  /**
   * Starts a row, column by column.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The value of a column, or {@code null} when the row has no such column.
   *
   * @param column the column's name
   * @return the value ({@link Value#NULL} for SQL NULL), or {@code null} when the column is absent
   */
  public Value get(String column) {
    return columns.get(column);
  }

  /**
   * Whether the row has the column at all (a NULL column counts; an absent one does not).
   *
   * @param column the column's name
   * @return {@code true} when the column is present
   */
  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /**
   * The column names, in table order.
   *
   * @return an unmodifiable set of the names
   */
  public Set<String> columnNames() {
    return columns.keySet();
  }

  /**
   * An unmodifiable view of the columns, in table order.
   *
   * @return the columns and their values
   */
  public Map<String, Value> asMap() {
    return columns;
  }

  /**
   * The number of columns.
   *
   * @return how many columns the row has
   */
  public int size() {
    return columns.size();
  }

  /**
   * Whether the row has no columns: the missing image of an insert or a delete, or an image a
   * column policy emptied.
   *
   * @return {@code true} for a row without columns
   */
  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /**
   * This row with the given columns replaced (or added at the end). This is how a Maxwell update's
   * full before-image is made: {@code data} overlaid with {@code old}.
   *
   * @param changes the columns to replace or add
   * @return the merged row; this row when {@code changes} is empty
   */
  public Row overlay(Row changes) {
    if (changes.isEmpty()) {
      return this;
    }
    LinkedHashMap<String, Value> merged = new LinkedHashMap<>(capacity(columns.size() + changes.size()));
    merged.putAll(columns);
    merged.putAll(changes.columns);
    return new Row(Collections.unmodifiableMap(merged));
  }

  /**
   * This row with only the named columns, in this row's order; absent names are ignored.
   *
   * @param names the columns to keep
   * @return the selected columns, {@link #EMPTY} when none is present
   */
  public Row select(List<String> names) {
    LinkedHashMap<String, Value> selected = new LinkedHashMap<>(capacity(names.size()));
    for (Map.Entry<String, Value> column : columns.entrySet()) {
      if (names.contains(column.getKey())) {
        selected.put(column.getKey(), column.getValue());
      }
    }
    return selected.isEmpty() ? EMPTY : new Row(Collections.unmodifiableMap(selected));
  }

  /**
   * This row with each value replaced by {@code f(column, value)}; a {@code null} result drops
   * the column. Column policies mask, hash and truncate values this way.
   *
   * @param f the replacement for each column, or {@code null} to drop it
   * @return the mapped row; this row when {@code f} changed nothing
   */
  public Row map(BiFunction<String, Value, Value> f) {
    LinkedHashMap<String, Value> mapped = new LinkedHashMap<>(capacity(columns.size()));
    boolean changed = false;
    for (Map.Entry<String, Value> column : columns.entrySet()) {
      Value next = f.apply(column.getKey(), column.getValue());
      changed |= next != column.getValue();
      if (next != null) {
        mapped.put(column.getKey(), next);
      }
    }
    if (!changed) {
      return this;
    }
    return mapped.isEmpty() ? EMPTY : new Row(Collections.unmodifiableMap(mapped));
  }

  /**
   * A deterministic compact JSON text of this row, columns in row order; bytes print as
   * {@code {"$binary":"<base64>"}}. Equal rows give equal texts, so it suits content hashes.
   *
   * @return the canonical JSON text
   */
  public String canonicalText() {
    return io.cdcaudit.internal.CanonicalText.json(this);
  }

  @Override
  public boolean equals(Object o) {
    // Column order is part of a row (its canonical text depends on it), so it counts here too.
    if (!(o instanceof Row other) || columns.size() != other.columns.size()) {
      return false;
    }
    java.util.Iterator<Map.Entry<String, Value>> theirs = other.columns.entrySet().iterator();
    for (Map.Entry<String, Value> column : columns.entrySet()) {
      if (!column.equals(theirs.next())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return columns.toString();
  }

  private static int capacity(int size) {
    return (int) (size / 0.75f) + 1;
  }

  static String requireColumn(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a column name must not be null or empty");
    }
    return name;
  }

  /** Builds a row column by column, keeping insertion order. */
  public static final class Builder {
    private final LinkedHashMap<String, Value> columns = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a column, or replaces its value while keeping its place.
     *
     * @param column the column's name, not empty
     * @param value its value ({@link Value#NULL} for SQL NULL)
     * @return this builder
     */
    public Builder put(String column, Value value) {
      columns.put(requireColumn(column), Objects.requireNonNull(value, () -> "value of column " + column));
      return this;
    }

    /**
     * Adds a numeric column.
     *
     * @param column the column's name, not empty
     * @param value its value
     * @return this builder
     */
    public Builder put(String column, long value) {
      return put(column, Value.of(value));
    }

    /**
     * Adds a text column.
     *
     * @param column the column's name, not empty
     * @param value its value
     * @return this builder
     */
    public Builder put(String column, String value) {
      return put(column, Value.of(value));
    }

    /**
     * Builds the row.
     *
     * @return the row, {@link #EMPTY} when no column was put
     */
    public Row build() {
      return columns.isEmpty() ? EMPTY : new Row(Collections.unmodifiableMap(new LinkedHashMap<>(columns)));
    }
  }
}
