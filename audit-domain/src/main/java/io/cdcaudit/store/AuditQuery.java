package io.cdcaudit.store;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import java.util.Objects;

/** What to find in the audit trail. Every query has a commit-time range (default: all times). */
public sealed interface AuditQuery
    permits AuditQuery.RowHistory, AuditQuery.ByActor, AuditQuery.ByTable, AuditQuery.ByTransaction {

  TimeRange range();

  /** The changes of one row. */
  static RowHistory rowHistory(TableRef table, PrimaryKey key) {
    return new RowHistory(table, key, TimeRange.all());
  }

  /** The changes one actor made (by {@link io.cdcaudit.record.Actor#name()}). */
  static ByActor byActor(String actor) {
    return new ByActor(actor, TimeRange.all());
  }

  /** The changes of one table. */
  static ByTable byTable(TableRef table) {
    return new ByTable(table, TimeRange.all());
  }

  /** The changes of one transaction (by {@link io.cdcaudit.event.TransactionRef#id()}). */
  static ByTransaction byTransaction(String transactionId) {
    return new ByTransaction(transactionId, TimeRange.all());
  }

  /** The changes of one row. */
  record RowHistory(TableRef table, PrimaryKey key, TimeRange range) implements AuditQuery {
    public RowHistory {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(range, "range");
      if (key.isNone()) {
        throw new IllegalArgumentException("a row history needs the row's primary key");
      }
    }

    public RowHistory within(TimeRange newRange) {
      return new RowHistory(table, key, newRange);
    }
  }

  /** The changes one actor made. */
  record ByActor(String actor, TimeRange range) implements AuditQuery {
    public ByActor {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(range, "range");
    }

    public ByActor within(TimeRange newRange) {
      return new ByActor(actor, newRange);
    }
  }

  /** The changes of one table. */
  record ByTable(TableRef table, TimeRange range) implements AuditQuery {
    public ByTable {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(range, "range");
    }

    public ByTable within(TimeRange newRange) {
      return new ByTable(table, newRange);
    }
  }

  /** The changes of one transaction. */
  record ByTransaction(String transactionId, TimeRange range) implements AuditQuery {
    public ByTransaction {
      Objects.requireNonNull(transactionId, "transactionId");
      Objects.requireNonNull(range, "range");
    }

    public ByTransaction within(TimeRange newRange) {
      return new ByTransaction(transactionId, newRange);
    }
  }
}
