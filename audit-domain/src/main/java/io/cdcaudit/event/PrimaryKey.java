package io.cdcaudit.event;

import io.cdcaudit.internal.CanonicalText;
import java.util.Objects;

/**
 * The primary key of a changed row: its key columns in key order, with their values.
 *
 * <p>{@link #canonical()} is a stable text form that stores use to index a row's history. An event
 * whose table has no primary key (or whose producer did not say which columns form it) has
 * {@link #NONE}.
 */
public final class PrimaryKey {

  /** No primary key is known for the row. */
  public static final PrimaryKey NONE = new PrimaryKey(Row.EMPTY);

  private final Row columns;
  private final String canonical;

  private PrimaryKey(Row columns) {
    this.columns = columns;
    this.canonical = columns.isEmpty() ? "" : CanonicalText.json(columns);
  }

  /**
   * A key of the given columns, in key order.
   *
   * @param columns the key columns and their values
   * @return the key, {@link #NONE} when {@code columns} is empty
   */
  public static PrimaryKey of(Row columns) {
    Objects.requireNonNull(columns, "columns");
    return columns.isEmpty() ? NONE : new PrimaryKey(columns);
  }

  /**
   * A single-column key.
   *
   * @param column the key column
   * @param value its value
   * @return the key
   */
  public static PrimaryKey of(String column, Value value) {
    return of(Row.builder().put(column, value).build());
  }

  /**
   * A single-column numeric key, the common {@code id BIGINT} case.
   *
   * @param column the key column
   * @param value its value
   * @return the key
   */
  public static PrimaryKey of(String column, long value) {
    return of(column, Value.of(value));
  }

  /**
   * A single-column text key.
   *
   * @param column the key column
   * @param value its value
   * @return the key
   */
  public static PrimaryKey of(String column, String value) {
    return of(column, Value.of(value));
  }

  /**
   * The key columns and values, in key order.
   *
   * @return the columns, empty for {@link #NONE}
   */
  public Row columns() {
    return columns;
  }

  /**
   * Whether no key is known, so that the change cannot be filed under a row's history.
   *
   * @return {@code true} for {@link #NONE}
   */
  public boolean isNone() {
    return columns.isEmpty();
  }

  /**
   * A stable text form of the key: compact JSON of the key columns in key order, for example
   * {@code {"id":42}} or {@code {"tenant":"a","id":7}}; the empty string for {@link #NONE}.
   *
   * @return the canonical text
   */
  public String canonical() {
    return canonical;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrimaryKey other && canonical.equals(other.canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return isNone() ? "(no key)" : canonical;
  }
}
