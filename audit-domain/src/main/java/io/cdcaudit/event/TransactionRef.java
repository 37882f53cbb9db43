package io.cdcaudit.event;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The database transaction an event belongs to.
 *
 * @param id the transaction id as the producer gives it: a Maxwell {@code xid}, a Debezium
 *     {@code transaction.id}, or a MariaDB/MySQL GTID
 * @param position the event's position within the transaction (Maxwell {@code xoffset}, Debezium
 *     {@code total_order}), or -1 when unknown
 * @param last whether the producer marked this event as the last one of the transaction
 *     (Maxwell {@code commit:true})
 */
public record TransactionRef(String id, long position, boolean last) {

  /**
   * Rejects an empty id and negative positions other than -1.
   *
   * @param id the transaction id as the producer gives it: a Maxwell {@code xid}, a Debezium
   *     {@code transaction.id}, or a MariaDB/MySQL GTID
   * @param position the event's position within the transaction (Maxwell {@code xoffset}, Debezium
   *     {@code total_order}), or -1 when unknown
   * @param last whether the producer marked this event as the last one of the transaction
   *     (Maxwell {@code commit:true})
   */
  public TransactionRef {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a transaction id must not be empty");
    }
    if (position < -1) {
      throw new IllegalArgumentException("transaction position must be >= 0, or -1 for unknown: " + position);
    }
  }

  /**
   * A transaction of which only the id is known.
   *
   * @param id the transaction id
   * @return the transaction, with an unknown position
   */
  public static TransactionRef of(String id) {
    return new TransactionRef(id, -1, false);
  }

  /**
   * The event's position within the transaction, when known.
   *
   * @return the position, or empty
   */
  public OptionalLong positionInTransaction() {
    return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
  }
}
