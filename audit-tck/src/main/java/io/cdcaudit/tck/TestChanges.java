package io.cdcaudit.tck;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.source.SourceMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A tiny, fast message format for pipeline and source tests that do not need a real producer's
 * JSON: one change per message, as tab-separated text
 * {@code tc1 <db.table> <op> <id> <seq> <old> <new>}. {@code seq} numbers the changes: it makes
 * each change's {@link EventId} and its commit time ({@link #BASE_TIME} plus seq milliseconds).
 * {@link #decoder()} reads it; anything else is a {@link DecodeException}.
 */
public final class TestChanges {

  /** The commit time of change 0. */
  public static final Instant BASE_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private static final String MAGIC = "tc1";
  private static final String NULL = "\\N";

  private TestChanges() {}

  /**
   * An insert of row {@code id} of {@code table} with column {@code v = value}.
   *
   * @param table {@code db.table}
   * @param id the row's key (column {@code id})
   * @param seq the change's sequence number
   * @param value the new value of {@code v}, or {@code null}
   * @return the message bytes
   */
  public static byte[] insert(String table, long id, long seq, String value) {
    return encode(table, "insert", id, seq, null, value);
  }

  /**
   * An update of row {@code id}: column {@code v} from {@code oldValue} to {@code newValue}.
   *
   * @param table {@code db.table}
   * @param id the row's key (column {@code id})
   * @param seq the change's sequence number
   * @param oldValue the old value of {@code v}, or {@code null}
   * @param newValue the new value of {@code v}, or {@code null}
   * @return the message bytes
   */
  public static byte[] update(String table, long id, long seq, String oldValue, String newValue) {
    return encode(table, "update", id, seq, oldValue, newValue);
  }

  /**
   * A delete of row {@code id} whose column {@code v} was {@code oldValue}.
   *
   * @param table {@code db.table}
   * @param id the row's key (column {@code id})
   * @param seq the change's sequence number
   * @param oldValue the old value of {@code v}, or {@code null}
   * @return the message bytes
   */
  public static byte[] delete(String table, long id, long seq, String oldValue) {
    return encode(table, "delete", id, seq, oldValue, null);
  }

  /**
   * The event id the change with this table, operation, row and seq gets.
   *
   * @param table {@code db.table}
   * @param op {@code insert}, {@code update} or {@code delete}
   * @param id the row's key
   * @param seq the change's sequence number
   * @return the id {@link #decoder()} gives that change
   */
  public static EventId idOf(String table, String op, long id, long seq) {
    return EventId.derive("tc1", table, op, Long.toString(id), Long.toString(seq));
  }

  /**
   * The decoder of this format. Thread-safe.
   *
   * @return the decoder
   */
  public static ChangeDecoder decoder() {
    return TestChanges::decode;
  }

  private static byte[] encode(String table, String op, long id, long seq, String oldValue, String newValue) {
    return String.join("\t", MAGIC, table, op, Long.toString(id), Long.toString(seq), text(oldValue), text(newValue))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(String value) {
    if (value == null) {
      return NULL;
    }
    if (value.indexOf('\t') >= 0 || value.equals(NULL)) {
      throw new IllegalArgumentException("test change values must not contain tabs or be \\N: " + value);
    }
    return value;
  }

  private static Decoded decode(SourceMessage message) throws DecodeException {
    if (message.value() == null) {
      return Decoded.skipped(Decoded.SkipReason.TOMBSTONE, "null value");
    }
    String[] f = new String(message.value(), StandardCharsets.UTF_8).split("\t", -1);
    if (f.length != 7 || !f[0].equals(MAGIC)) {
      throw new DecodeException("test change: expected 7 tab-separated fields starting with 'tc1', got " + f.length + " fields");
    }
    TableRef table;
    long id;
    long seq;
    try {
      table = TableRef.parse(f[1]);
      id = Long.parseLong(f[3]);
      seq = Long.parseLong(f[4]);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("test change: " + e.getMessage());
    }
    Operation op;
    Row before = Row.EMPTY;
    Row after = Row.EMPTY;
    switch (f[2]) {
      case "insert" -> {
        op = Operation.INSERT;
        after = row(id, f[6]);
      }
      case "update" -> {
        op = Operation.UPDATE;
        before = row(id, f[5]);
        after = row(id, f[6]);
      }
      case "delete" -> {
        op = Operation.DELETE;
        before = row(id, f[5]);
      }
      default -> throw new DecodeException("test change: unknown operation '" + f[2] + "'");
    }
    ChangeEvent event = ChangeEvent.builder()
        .id(idOf(f[1], f[2], id, seq))
        .producer("tc1")
        .table(table)
        .operation(op)
        .committedAt(BASE_TIME.plusMillis(seq))
        .transaction(TransactionRef.of("tx-" + seq))
        .primaryKey(PrimaryKey.of("id", id))
        .before(before)
        .after(after)
        .build();
    return Decoded.change(event);
  }

  private static Row row(long id, String value) {
    Row.Builder row = Row.builder().put("id", id);
    return NULL.equals(value) ? row.put("v", io.cdcaudit.event.Value.NULL).build() : row.put("v", value).build();
  }
}
