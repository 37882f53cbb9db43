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
     * Rejects {@code null} parts.
     *
     * @param actor the actor's name
     * @param range the commit times covered
     */
    public ByActor {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(range, "range");
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
     * Rejects {@code null} parts.
     *
     * @param transactionId the transaction's id
     * @param range the commit times covered
     */
    public ByTransaction {
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(range, "range");
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
