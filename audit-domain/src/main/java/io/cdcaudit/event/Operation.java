package io.cdcaudit.event;

/** What a change did. */
public enum Operation {
  /** A row was inserted. */
  INSERT,
  /** A row was updated; the event has a before and an after image. */
  UPDATE,
  /** A row was deleted; the event has a before image only. */
  DELETE,
  /** A row was read by an initial snapshot or a bootstrap (Debezium {@code r}, Maxwell {@code bootstrap-insert}). */
  SNAPSHOT,
  /** A table was truncated; no row images. */
  TRUNCATE,
  /** A DDL statement (create, alter, drop); the statement text is the change. */
  SCHEMA_CHANGE;

  /**
   * Whether this operation concerns one row (and so has a primary key and row images).
   *
   * @return {@code true} for insert, update, delete and snapshot
   */
  public boolean isRowChange() {
    return this == INSERT || this == UPDATE || this == DELETE || this == SNAPSHOT;
  }

  /**
   * The lower-case name used in JSON and on the command line, such as {@code schema_change}.
   *
   * @return the wire name
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The inverse of {@link #wireName()}.
   *
   * @param name a wire name, such as {@code insert}
   * @return the operation
   * @throws IllegalArgumentException when no operation has that name
   */
  public static Operation fromWireName(String name) {
    for (Operation op : values()) {
      if (op.wireName().equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown operation '" + name + "'");
  }
}
