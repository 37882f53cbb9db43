package io.cdcaudit.store.support;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A key under which a record is found by one kind of query, the same for every store: what a
 * store indexes when it writes a record ({@link #allOf}) and what it looks up when it answers a
 * query ({@link #of}). Within one key, records are ordered by {@link AuditRecord#sortKey()}.
 *
 * <ul>
 *   <li>{@link AuditQuery.Kind#ROW_HISTORY}: database, table, canonical primary key; once for the
 *       row's key and once more for its previous key when the change moved the row (none when the
 *       key is unknown);
 *   <li>{@link AuditQuery.Kind#BY_ACTOR}: the actor's name, only when the actor is known;
 *   <li>{@link AuditQuery.Kind#BY_TABLE}: database, table;
 *   <li>{@link AuditQuery.Kind#BY_TRANSACTION}: the transaction id, when the change has one.
 * </ul>
 *
 * <p>Database and table are always two parts, never a dotted name: {@code a.`b.c`} and
 * {@code `a.b`.c} are two tables.
 *
 * @param kind the kind of query the key serves
 * @param parts the key's parts, in the order above
 */
public record IndexKey(AuditQuery.Kind kind, List<String> parts) {

  private static final AuditQuery.Visitor<IndexKey> OF_QUERY = new AuditQuery.Visitor<>() {
    @Override
    public IndexKey rowHistory(AuditQuery.RowHistory q) {
      return row(q.table(), q.key());
    }

    @Override
    public IndexKey byActor(AuditQuery.ByActor q) {
      return new IndexKey(AuditQuery.Kind.BY_ACTOR, List.of(q.actor()));
    }

    @Override
    public IndexKey byTable(AuditQuery.ByTable q) {
      return table(q.table());
    }

    @Override
    public IndexKey byTransaction(AuditQuery.ByTransaction q) {
      return new IndexKey(AuditQuery.Kind.BY_TRANSACTION, List.of(q.transactionId()));
    }
  };

  /**
   * Copies the parts.
   *
   * @param kind the kind of query the key serves
   * @param parts the key's parts
   */
  public IndexKey {
    Objects.requireNonNull(kind, "kind");
    parts = List.copyOf(parts);
  }

  /**
   * The key a query looks up.
   *
   * @param query the query
   * @return its key
   */
  public static IndexKey of(AuditQuery query) {
    return query.accept(OF_QUERY);
  }

  /**
   * Every key under which a record is found, in the order of {@link AuditQuery.Kind}.
   *
   * @param record the record
   * @return its keys
   */
  public static List<IndexKey> allOf(AuditRecord record) {
    TableRef table = record.event().table();
    List<IndexKey> keys = new ArrayList<>(5);
    for (PrimaryKey key : record.rowKeys()) {
      keys.add(row(table, key));
    }
    if (record.actor().isKnown()) {
      keys.add(new IndexKey(AuditQuery.Kind.BY_ACTOR, List.of(record.actor().name())));
    }
    keys.add(table(table));
    record.event().transaction().ifPresent(tx -> keys.add(new IndexKey(AuditQuery.Kind.BY_TRANSACTION, List.of(tx.id()))));
    return keys;
  }

  /**
   * The key's kind and parts as one text, for stores that index by a single string: parts are
   * separated by NUL, which no name holds.
   *
   * @return the text
   */
  public String joined() {
    return kind.name() + '\u0000' + String.join("\u0000", parts);
  }

  private static IndexKey row(TableRef table, PrimaryKey key) {
    return new IndexKey(AuditQuery.Kind.ROW_HISTORY, List.of(table.database(), table.table(), key.canonical()));
  }

  private static IndexKey table(TableRef table) {
    return new IndexKey(AuditQuery.Kind.BY_TABLE, List.of(table.database(), table.table()));
  }
}
