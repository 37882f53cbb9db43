package io.cdcaudit.codec.internal;

import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.source.MessageCoordinates;

/**
 * The one place where the codec derives {@link EventId}s. Internal: not part of the public API.
 *
 * <p>An id depends only on the message and its coordinates: the producer's binlog coordinates
 * where they identify one change, otherwise where the message sat in its source. Never on row
 * values or primary-key values (those may be masked or hashed columns, and an unkeyed hash over
 * them would let a reader of ids test guesses of the protected values), and never on what a
 * decoder learned or was configured with (a restarted decoder must give a redelivered message the
 * id it had before).
 */
public final class EventIds {

  private EventIds() {}

  /**
   * A Maxwell row event with {@code position} and either {@code xoffset} or {@code commit:true}:
   * the rows of one multi-row statement share the position, and the place in the transaction
   * tells them apart.
   *
   * @param placeInTransaction the {@code xoffset}, or {@code "commit"} for the last row
   */
  public static EventId maxwellRow(Long serverId, String file, long offset, String xid, String placeInTransaction,
      TableRef table, Operation operation) {
    return EventId.derive("maxwell", text(serverId), file, Long.toString(offset), xid, placeInTransaction,
        table.database(), table.table(), operation.wireName());
  }

  /** A Maxwell DDL event with {@code position}: one statement can change several tables, so the table counts. */
  public static EventId maxwellDdl(Long serverId, String position, String type, TableRef table) {
    return EventId.derive("maxwell-ddl", text(serverId), position, type, table.database(), table.table());
  }

  /** A Debezium streaming row event (op c, u, d, t) with binlog file and position. */
  public static EventId debeziumRow(Long serverId, String file, long pos, int row, TableRef table, Operation operation) {
    return EventId.derive("debezium", text(serverId), file, Long.toString(pos), row < 0 ? null : Integer.toString(row),
        table.database(), table.table(), operation.wireName());
  }

  /** A Debezium schema change read from the binlog (not from a snapshot), with file and position. */
  public static EventId debeziumDdl(Long serverId, String file, long pos, int row, TableRef table) {
    return EventId.derive("debezium-ddl", text(serverId), file, Long.toString(pos),
        row < 0 ? null : Integer.toString(row), table.database(), table.table());
  }

  /**
   * An event whose producer gives no coordinates that identify it (Maxwell's default output,
   * non-transactional tables, bootstraps; Debezium snapshots, where every row shares one
   * position): where its message sat in the source. A source redelivers a message at the same
   * coordinates, so a redelivery gets the same id; a producer that publishes the change again
   * (after its own crash) makes a new message, which gets a new id.
   *
   * @param kind what the event is: the operation's wire name, or the DDL type
   */
  public static EventId ofMessage(String producer, MessageCoordinates coordinates, String kind) {
    return EventId.derive("message", producer, coordinates.partition().stream(), coordinates.partition().partition(),
        coordinates.position(), kind);
  }

  private static String text(Long serverId) {
    return serverId == null ? null : serverId.toString();
  }
}
