package io.cdcaudit.store;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import java.util.Objects;

/** What to find in the audit trail. Every query has a commit-time range (default: all times). */
public sealed interface AuditQuery
    permits AuditQuery.RowHistory, AuditQuery.ByActor, AuditQuery.ByTable, AuditQuery.ByTransaction {

  /**
   * The commit times the query covers.
   *
   * @return the range, {@link TimeRange#all()} unless narrowed with {@code within}
   */
  TimeRange range();

  /**
   * Which of the four questions this is.
   *
   * @return the kind
   */
  Kind kind();

  /**
   * The same question over another commit-time range.
   *
   * @param newRange the range
   * @return the query
   */
  AuditQuery within(TimeRange newRange);

  /**
   * Calls the visitor's method for this kind of query. A store answers queries through a
   * {@link Visitor}, so that a new kind of query fails to compile in every store instead of at run
   * time.
   *
   * @param <R> what the visitor returns
   * @param visitor one method per kind
   * @return what the visitor returned
   */
  <R> R accept(Visitor<R> visitor);

  /** The kinds of query; a store says which it serves ({@link AuditQueries#supportedQueries()}). */
  enum Kind {
    /** {@link RowHistory}: the changes of one row. */
    ROW_HISTORY,
    /** {@link ByActor}: the changes one actor made. */
    BY_ACTOR,
    /** {@link ByTable}: the changes of one table. */
    BY_TABLE,
    /** {@link ByTransaction}: the changes of one transaction. */
    BY_TRANSACTION
  }

  /**
   * One method per kind of query.
   *
   * @param <R> what each method returns
   */
  interface Visitor<R> {
    /**
     * Answers a row's history.
     *
     * @param query the query
     * @return the answer
     */
    R rowHistory(RowHistory query);

    /**
     * Answers the changes of an actor.
     *
     * @param query the query
     * @return the answer
     */
    R byActor(ByActor query);

    /**
     * Answers the changes of a table.
     *
     * @param query the query
     * @return the answer
     */
    R byTable(ByTable query);

    /**
     * Answers the changes of a transaction.
     *
     * @param query the query
     * @return the answer
     */
    R byTransaction(ByTransaction query);
  }

  /**
   * The changes of one row, at all times.
   *
   * @param table the row's table
   * @param key the row's primary key (not {@link PrimaryKey#NONE})
   * @return the query
   */
  static RowHistory rowHistory(TableRef table, PrimaryKey key) {
    return new RowHistory(table, key, TimeRange.all());
  }

  /**
   * The changes one actor made (by {@link io.cdcaudit.record.Actor#name()}), at all times.
   *
   * @param actor the actor's name
   * @return the query
   */
  static ByActor byActor(String actor) {
    return new ByActor(actor, TimeRange.all());
  }

  /**
   * The changes of one table, at all times.
   *
   * @param table the table
   * @return the query
   */
  static ByTable byTable(TableRef table) {
    return new ByTable(table, TimeRange.all());
  }

  /**
   * The changes of one transaction (by {@link io.cdcaudit.event.TransactionRef#id()}).
   *
   * @param transactionId the transaction's id
   * @return the query
   */
  static ByTransaction byTransaction(String transactionId) {
    return new ByTransaction(transactionId, TimeRange.all());
  }

  /**
   * The changes of one row.
   *
   * @param table the row's table
   * @param key the row's primary key
   * @param range the commit times covered
   */
  record RowHistory(TableRef table, PrimaryKey key, TimeRange range) implements AuditQuery {
    /**
     * Rejects {@code null} parts and a row without a key.
     *
     * @param table the row's table
     * @param key the row's primary key
     * @param range the commit times covered
     */
    public RowHistory {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(range, "range");
      if (key.isNone()) {
        throw new IllegalArgumentException("a row history needs the row's primary key");
      }
    }

    @Override
    public Kind kind() {
      return Kind.ROW_HISTORY;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.rowHistory(this);
    }

    /**
     * This query, narrowed to {@code newRange}.
     *
     * @param newRange the commit times to cover
     * @return the narrowed query
     */
    public RowHistory within(TimeRange newRange) {
      return new RowHistory(table, key, newRange);
    }
  }

  /**
   * The changes one actor made.
   *
   * @param actor the actor's name
   * @param range the commit times covered
   */
  record ByActor(String actor, TimeRange range) implements AuditQuery {
    /**
     * Rejects {@code null} parts and a blank name, which no actor has (a query that can never
     * match is a mistake, not an empty answer).
     *
     * @param actor the actor's name, not blank
     * @param range the commit times covered
     * @throws IllegalArgumentException when {@code actor} is blank
     */
    public ByActor {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(range, "range");
      if (actor.isBlank()) {
        throw new IllegalArgumentException("a query by actor needs an actor's name; no actor has a blank one, got '"
            + actor + "'");
      }
    }

    @Override
    public Kind kind() {
      return Kind.BY_ACTOR;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.byActor(this);
    }

    /**
     * This query, narrowed to {@code newRange}.
     *
     * @param newRange the commit times to cover
     * @return the narrowed query
     */
    public ByActor within(TimeRange newRange) {
      return new ByActor(actor, newRange);
    }
  }

  /**
   * The changes of one table.
   *
   * @param table the table
   * @param range the commit times covered
   */
  record ByTable(TableRef table, TimeRange range) implements AuditQuery {
    /**
     * Rejects {@code null} parts.
     *
     * @param table the table
     * @param range the commit times covered
     */
    public ByTable {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(range, "range");
    }

    @Override
    public Kind kind() {
      return Kind.BY_TABLE;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.byTable(this);
    }

    /**
     * This query, narrowed to {@code newRange}.
     *
     * @param newRange the commit times to cover
     * @return the narrowed query
     */
    public ByTable within(TimeRange newRange) {
      return new ByTable(table, newRange);
    }
  }

  /**
   * The changes of one transaction.
   *
   * @param transactionId the transaction's id
   * @param range the commit times covered
   */
  record ByTransaction(String transactionId, TimeRange range) implements AuditQuery {
    /**
     * Rejects {@code null} parts and an empty id, which no transaction has.
     *
     * @param transactionId the transaction's id, not empty
     * @param range the commit times covered
     * @throws IllegalArgumentException when {@code transactionId} is empty
     */
    public ByTransaction {
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(range, "range");
      if (transactionId.isEmpty()) {
        throw new IllegalArgumentException("a query by transaction needs a transaction id; none is empty");
      }
    }

    @Override
    public Kind kind() {
      return Kind.BY_TRANSACTION;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.byTransaction(this);
    }

    /**
     * This query, narrowed to {@code newRange}.
     *
     * @param newRange the commit times to cover
     * @return the narrowed query
     */
    public ByTransaction within(TimeRange newRange) {
      return new ByTransaction(transactionId, newRange);
    }
  }
}
