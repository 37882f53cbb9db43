package io.cdcaudit.codec.internal;

import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.source.MessageCoordinates;

/**
 * The one place where the codec derives {@link EventId}s: which coordinates identify an event,
 * and which parts go into its id. Internal: not part of the public API.
 *
 * <p>An id depends only on the message and its coordinates: the producer's binlog coordinates
 * where they identify one change, otherwise where the message sat in its source. Never on row
 * values or primary-key values (those may be masked or hashed columns, and an unkeyed hash over
 * them would let a reader of ids test guesses of the protected values), and never on what a
 * decoder learned or was configured with (a restarted decoder must give a redelivered message the
 * id it had before).
 *
 * <p>Every part below is part of ids already stored: changing one changes the id of every event
 * it covers, and a store then keeps a redelivered change twice.
 */
public final class EventIds {

  // The producers' names as ids spell them; not taken from the decoders, so that renaming one leaves ids alone.
  private static final String MAXWELL = "maxwell";
  private static final String DEBEZIUM = "debezium";

  private EventIds() {}

  /**
   * A Maxwell row event. With {@code position} and either {@code xoffset} or {@code commit:true}
   * (the rows of one multi-row statement share the position, and the place in the transaction
   * tells them apart): server id, file, offset, xid, place in the transaction, table and
   * operation. A {@code bootstrap-insert} and any other row event: where its message sat.
   *
   * @param xoffset Maxwell's {@code xoffset}, or {@code null}
   * @param commit Maxwell's {@code commit}: the last row of its transaction
   */
  public static EventId maxwellRow(SourcePosition position, String xid, Long xoffset, boolean commit, TableRef table,
      Operation operation, MessageCoordinates message) {
    String placeInTransaction = xoffset != null ? xoffset.toString() : commit ? "commit" : null;
    if (operation == Operation.SNAPSHOT || !position.hasBinlogCoordinates() || placeInTransaction == null) {
      return ofMessage(MAXWELL, message, operation.wireName());
    }
    return EventId.derive(MAXWELL, text(position.serverId()), position.binlogFile(),
        Long.toString(position.binlogOffset()), xid, placeInTransaction, table.database(), table.table(),
        operation.wireName());
  }

  /**
   * A Maxwell DDL event. With {@code position} (one statement can change several tables, so the
   * table counts): server id, the position as printed, type and table. Without: where its
   * message sat.
   *
   * @param printedPosition Maxwell's {@code position} as printed ({@code file:offset}), or {@code null}
   * @param type Maxwell's {@code type}, such as {@code table-create}
   */
  public static EventId maxwellDdl(SourcePosition position, String printedPosition, String type, TableRef table,
      MessageCoordinates message) {
    if (printedPosition == null) {
      return ofMessage(MAXWELL, message, type);
    }
    return EventId.derive("maxwell-ddl", text(position.serverId()), printedPosition, type, table.database(),
        table.table());
  }

  /**
   * A Debezium row event. A streaming row (op c, u, d, t) with binlog file and position: server
   * id, file, position, row, table and operation. A snapshot row (every row of a snapshot shares
   * one position and server id 0, and two connectors can snapshot at one position) and an event
   * without a position: where its message sat.
   */
  public static EventId debeziumRow(SourcePosition position, TableRef table, Operation operation,
      MessageCoordinates message) {
    if (operation == Operation.SNAPSHOT || !position.hasBinlogCoordinates()) {
      return ofMessage(DEBEZIUM, message, operation.wireName());
    }
    return EventId.derive(DEBEZIUM, text(position.serverId()), position.binlogFile(),
        Long.toString(position.binlogOffset()), row(position), table.database(), table.table(), operation.wireName());
  }

  /**
   * A Debezium schema change. Read from the binlog, with file and position: server id, file,
   * position, row and table. Read by a snapshot (which starts with several schema changes at one
   * position) or without a position: where its message sat.
   *
   * @param inSnapshot whether {@code source.snapshot} says a snapshot read it
   */
  public static EventId debeziumDdl(SourcePosition position, boolean inSnapshot, TableRef table,
      MessageCoordinates message) {
    if (inSnapshot || !position.hasBinlogCoordinates()) {
      return ofMessage(DEBEZIUM, message, "ddl");
    }
    return EventId.derive("debezium-ddl", text(position.serverId()), position.binlogFile(),
        Long.toString(position.binlogOffset()), row(position), table.database(), table.table());
  }

  /**
   * An event whose producer gives no coordinates that identify it (Maxwell's default output,
   * non-transactional tables, bootstraps; Debezium snapshots): where its message sat in the
   * source. A source redelivers a message at the same coordinates, so a redelivery gets the same
   * id; a producer that publishes the change again (after its own crash) makes a new message,
   * which gets a new id.
   *
   * @param kind what the event is: the operation's wire name, or the DDL type
   */
  private static EventId ofMessage(String producer, MessageCoordinates coordinates, String kind) {
    return EventId.derive("message", producer, coordinates.partition().stream(), coordinates.partition().partition(),
        coordinates.position(), kind);
  }

  private static String row(SourcePosition position) {
    return position.row() < 0 ? null : Integer.toString(position.row());
  }

  private static String text(Long serverId) {
    return serverId == null ? null : serverId.toString();
  }
}
