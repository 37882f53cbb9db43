package io.cdcaudit.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.BinlogPositions;
import io.cdcaudit.codec.internal.EpochTimes;
import io.cdcaudit.codec.internal.EventIds;
import io.cdcaudit.codec.internal.Json;
import io.cdcaudit.codec.internal.JsonFields;
import io.cdcaudit.codec.internal.JsonValues;
import io.cdcaudit.codec.internal.KeyColumns;
import io.cdcaudit.codec.internal.KeySettings;
import io.cdcaudit.codec.internal.Keys;
import io.cdcaudit.codec.internal.MaxwellKeys;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.source.SourceMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes the JSON events of Maxwell's Daemon.
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li>{@code insert} becomes {@link Operation#INSERT} (after = {@code data}); {@code update}
 *       becomes {@link Operation#UPDATE} (after = {@code data}, before = {@code data} with the
 *       {@code old} values put back); {@code delete} becomes {@link Operation#DELETE} (before =
 *       {@code data}); {@code bootstrap-insert} becomes {@link Operation#SNAPSHOT}.
 *   <li>{@code bootstrap-start} and {@code bootstrap-complete} are skipped as
 *       {@link Decoded.SkipReason#MARKER markers}.
 *   <li>{@code table-create/alter/drop} and {@code database-create/alter/drop} become
 *       {@link Operation#SCHEMA_CHANGE} with the {@code sql} as statement.
 *   <li>{@code ts} is in seconds for row events and in milliseconds for DDL events; 0 (no time)
 *       and times after {@link ChangeEvent#LATEST_COMMIT_TIME} are refused.
 *   <li>The transaction is {@code xid} (position {@code xoffset}, last when {@code commit:true});
 *       an event without {@code xid} has none. The source position is {@code server_id}, the
 *       {@code position} split at its last colon, and {@code gtid}; its row is unknown, since
 *       {@code xoffset} counts rows within the transaction, not within the binlog event.
 *   <li>{@code thread_id} becomes the connection id, except 0, which means unknown (MariaDB
 *       always prints 0). {@code query} (Maxwell's {@code output_row_query}) becomes the statement.
 * </ul>
 *
 * <h2>Primary key</h2>
 * The first of these that names columns the row image (or the key) has values for:
 * {@code primary_key_columns}; the Kafka message key Maxwell writes (hash or array format);
 * the columns configured with {@link Builder#primaryKey(String, String...)}; the columns learned
 * from an earlier {@code table-create}/{@code table-alter} event's {@code def."primary-key"}. Values
 * come from {@code data} where it has the column, so they have the row's types. Otherwise the
 * event has {@link PrimaryKey#NONE}; that is not an error.
 *
 * <h2>Event ids</h2>
 * An id depends only on the message and its coordinates, never on row or key values (which may be
 * protected columns) nor on what the decoder learned. A row event with {@code position} and
 * {@code xoffset} or {@code commit:true} (Maxwell's {@code output_binlog_position}, with
 * {@code output_xoffset} for every row of a multi-row statement) gets its id from server id,
 * binlog file and offset, xid, xoffset (or "commit"), table and operation; a DDL event with a
 * position from server id, position, type and table. Every other event (Maxwell's <b>default
 * output</b>, rows of non-transactional tables, {@code bootstrap-insert}) gets its id from where
 * its message sat in the source (topic, partition and offset, for instance) and the operation.
 * So a message the source redelivers is stored once either way; a change that Maxwell itself
 * publishes again (replaying after its own crash) is stored once with a position, and twice
 * (never lost) without one. Turn on {@code output_binlog_position} if you can.
 *
 * <p>Every event records its message's coordinates as {@link ChangeEvent#origin()}.
 *
 * <p>Thread-safe: one instance may decode from several threads. It keeps only a bounded map of
 * key columns learned from DDL.
 */
public final class MaxwellDecoder implements ChangeDecoder {

  /** The producer name events of this decoder carry. */
  public static final String PRODUCER = "maxwell";

  /** How many tables' learned primary keys a decoder keeps unless told otherwise. */
  public static final int DEFAULT_MAX_LEARNED_TABLES = 10_000;

  private static final JsonFields F = new JsonFields(PRODUCER);
  private static final String ROOT = "$";

  private final KeyColumns keyColumns;

  private MaxwellDecoder(Builder builder) {
    this.keyColumns = new KeyColumns(builder.primaryKeys, builder.maxLearnedTables);
  }

  /** A decoder with no configured primary keys. */
  public static MaxwellDecoder create() {
    return builder().build();
  }

  /** A builder for a decoder with options. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@value #PRODUCER}, the producer of the events this decoder makes. */
  public String producer() {
    return PRODUCER;
  }

  /**
   * Decodes one Maxwell event.
   *
   * @throws DecodeException when the message has no value, is not a JSON object, or a field is
   *     missing or of the wrong type; the message names the field's path
   */
  @Override
  public Decoded decode(SourceMessage message) throws DecodeException {
    Objects.requireNonNull(message, "message");
    byte[] value = message.value();
    if (value == null) {
      throw F.error("the message has no value (a tombstone); Maxwell never writes one");
    }
    return decodeTree(Json.readTree(value, PRODUCER, "the message"), message);
  }

  /** Whether a parsed message looks like a Maxwell event: it has a {@code type} and a {@code database}. */
  static boolean looksLikeMaxwell(JsonNode root) {
    return root.isObject() && root.has("type") && root.has("database");
  }

  /** Decodes an already parsed message; {@link AutoDecoder} uses it to parse only once. */
  Decoded decodeTree(JsonNode root, SourceMessage message) throws DecodeException {
    if (!root.isObject()) {
      throw F.error("the message must be a JSON object, got " + Json.describe(root));
    }
    F.requireWellFormed(root, ROOT);
    try {
      return decodeEvent(root, message);
    } catch (IllegalArgumentException e) {
      // Every field had the right type, but together they make no valid event.
      throw new DecodeException(PRODUCER + ": the event is inconsistent: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A bug, not bad input; still a dead letter with its reason rather than a lost batch.
      throw new DecodeException(PRODUCER + ": unexpected " + e + " while decoding", e);
    }
  }

  private Decoded decodeEvent(JsonNode root, SourceMessage message) throws DecodeException {
    String type = F.requiredText(root, ROOT, "type");
    return switch (type) {
      case "insert" -> rowChange(root, message, type, Operation.INSERT);
      case "update" -> rowChange(root, message, type, Operation.UPDATE);
      case "delete" -> rowChange(root, message, type, Operation.DELETE);
      case "bootstrap-insert" -> rowChange(root, message, type, Operation.SNAPSHOT);
      case "bootstrap-start", "bootstrap-complete" -> marker(root, type);
      case "table-create", "table-alter", "table-drop", "database-create", "database-alter", "database-drop" ->
          schemaChange(root, message, type);
      default -> throw F.error("$.type", "'" + type + "' is not a Maxwell event type");
    };
  }

  private Decoded rowChange(JsonNode root, SourceMessage message, String type, Operation operation)
      throws DecodeException {
    TableRef table = TableRef.of(F.requiredName(root, ROOT, "database"), F.requiredName(root, ROOT, "table"));
    Instant committedAt = EpochTimes.seconds(F.requiredLong(root, ROOT, "ts"), "$.ts", F);
    Row data = JsonValues.row(F.requiredObject(root, ROOT, "data"), "$.data", F);
    if (data.isEmpty()) {
      throw F.error("$.data", "is empty; a Maxwell " + type + " carries the row's columns");
    }
    Row old = Row.EMPTY;
    if (operation == Operation.UPDATE) {
      JsonNode oldNode = F.optionalObject(root, ROOT, "old");
      old = oldNode == null ? Row.EMPTY : JsonValues.row(oldNode, "$.old", F);
    }
    Long xoffset = F.optionalCount(root, ROOT, "xoffset");
    boolean commit = Boolean.TRUE.equals(F.optionalBoolean(root, ROOT, "commit"));
    String xid = F.optionalIntegerText(root, ROOT, "xid");
    TransactionRef transaction = xid == null ? null : new TransactionRef(xid, xoffset == null ? -1 : xoffset, commit);
    String placeInTransaction = xoffset != null ? xoffset.toString() : commit ? "commit" : null;
    SourcePosition position = position(root);
    Long threadId = F.optionalCount(root, ROOT, "thread_id");
    PrimaryKey key = primaryKey(root, table, data, message);

    EventId id = operation != Operation.SNAPSHOT && position.hasBinlogCoordinates() && placeInTransaction != null
        ? EventIds.maxwellRow(position.serverId(), position.binlogFile(), position.binlogOffset(), xid,
            placeInTransaction, table, operation)
        : EventIds.ofMessage(PRODUCER, message.coordinates(), operation.wireName());

    ChangeEvent.Builder event = ChangeEvent.builder()
        .id(id)
        .producer(PRODUCER)
        .table(table)
        .operation(operation)
        .committedAt(committedAt)
        .transaction(transaction)
        .position(position)
        .primaryKey(key)
        .statement(F.optionalText(root, ROOT, "query"))
        .connectionId(threadId == null || threadId == 0 ? null : threadId)
        .origin(message.coordinates());
    switch (operation) {
      case UPDATE -> event.before(data.overlay(old)).after(data);
      case DELETE -> event.before(data);
      default -> event.after(data);
    }
    return Decoded.change(event.build());
  }

  private Decoded marker(JsonNode root, String type) throws DecodeException {
    String database = F.requiredText(root, ROOT, "database");
    String table = F.optionalText(root, ROOT, "table");
    TableRef ref = TableRef.of(database, table == null ? "" : table);
    return Decoded.skipped(Decoded.SkipReason.MARKER, PRODUCER + ' ' + type + " of " + ref.qualifiedName());
  }

  private Decoded schemaChange(JsonNode root, SourceMessage message, String type) throws DecodeException {
    String database = F.requiredName(root, ROOT, "database");
    String tableName = F.optionalText(root, ROOT, "table");
    TableRef table = TableRef.of(database, tableName == null ? "" : tableName);
    long ts = F.requiredLong(root, ROOT, "ts");
    Instant committedAt = EpochTimes.millis(ts, "$.ts", F);
    String sql = F.requiredText(root, ROOT, "sql");
    String positionText = F.optionalText(root, ROOT, "position");
    SourcePosition position = position(root);
    String xid = F.optionalIntegerText(root, ROOT, "xid");
    learnKey(root, type, table);
    return Decoded.change(ChangeEvent.builder()
        .id(positionText == null
            ? EventIds.ofMessage(PRODUCER, message.coordinates(), type)
            : EventIds.maxwellDdl(position.serverId(), positionText, type, table))
        .producer(PRODUCER)
        .table(table)
        .operation(Operation.SCHEMA_CHANGE)
        .committedAt(committedAt)
        .transaction(xid == null ? null : TransactionRef.of(xid))
        .position(position)
        .statement(sql)
        .origin(message.coordinates())
        .build());
  }

  private SourcePosition position(JsonNode root) throws DecodeException {
    String text = F.optionalText(root, ROOT, "position");
    Long serverId = F.optionalCount(root, ROOT, "server_id");
    String gtid = F.optionalText(root, ROOT, "gtid");
    if (text == null && serverId == null && gtid == null) {
      return SourcePosition.UNKNOWN;
    }
    BinlogPositions.FileAndOffset at = text == null ? null : BinlogPositions.parse(text, "$.position", F);
    return new SourcePosition(serverId, at == null ? null : at.file(), at == null ? -1 : at.offset(), -1, gtid);
  }

  private PrimaryKey primaryKey(JsonNode root, TableRef table, Row data, SourceMessage message)
      throws DecodeException {
    List<String> printedColumns = F.optionalNames(root, ROOT, "primary_key_columns");
    JsonNode printedValues = F.optionalArray(root, ROOT, "primary_key");
    if (!printedColumns.isEmpty()) {
      Row printed = printedValues != null && printedValues.size() == printedColumns.size()
          ? zip(printedColumns, printedValues) : null;
      PrimaryKey key = Keys.of(printedColumns, data, printed);
      if (key != null) {
        return key;
      }
    }
    Row keyDocument = MaxwellKeys.primaryKey(message.key());
    PrimaryKey key = Keys.of(keyDocument.columnNames(), data, keyDocument);
    if (key == null) {
      key = Keys.of(keyColumns.configured(table), data, keyDocument);
    }
    if (key == null) {
      key = Keys.of(keyColumns.learned(table), data, keyDocument);
    }
    return key == null ? PrimaryKey.NONE : key;
  }

  private void learnKey(JsonNode root, String type, TableRef table) throws DecodeException {
    switch (type) {
      case "table-create", "table-alter" -> {
        JsonNode def = F.optionalObject(root, ROOT, "def");
        if (def == null) {
          return;
        }
        String defDatabase = F.optionalText(def, "$.def", "database");
        String defTable = F.optionalText(def, "$.def", "table");
        TableRef defined = defDatabase != null && !defDatabase.isEmpty() && defTable != null && !defTable.isEmpty()
            ? TableRef.of(defDatabase, defTable) : table;
        if (defined.table().isEmpty()) {
          return;
        }
        if (!defined.equals(table) && !table.table().isEmpty()) {
          keyColumns.forget(table); // a rename: the old name is gone
        }
        keyColumns.learn(defined, F.optionalNames(def, "$.def", "primary-key"));
      }
      case "table-drop" -> keyColumns.forget(table);
      case "database-drop" -> keyColumns.forgetDatabase(table.database());
      default -> {
        // database-create and database-alter say nothing about keys.
      }
    }
  }

  private static Row zip(List<String> columns, JsonNode values) {
    Map<String, Value> row = new LinkedHashMap<>(columns.size() * 2);
    for (int i = 0; i < columns.size(); i++) {
      row.put(columns.get(i), JsonValues.value(values.get(i)));
    }
    return Row.of(row);
  }

  /** Builds a {@link MaxwellDecoder}. */
  public static final class Builder {
    private final Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
    private int maxLearnedTables = DEFAULT_MAX_LEARNED_TABLES;

    private Builder() {}

    /**
     * Declares the primary-key columns of a table, for events that do not say them (Maxwell's
     * default output has neither {@code primary_key_columns} nor, outside Kafka, a key).
     *
     * @param table {@code database.table}
     * @param columns the key columns, in key order
     * @throws IllegalArgumentException when the table is not {@code database.table} or a column is blank
     */
    public Builder primaryKey(String table, String... columns) {
      KeySettings.add(primaryKeys, "MaxwellDecoder.primaryKey", table, columns);
      return this;
    }

    /**
     * Declares the primary-key columns of several tables.
     *
     * @param keys key columns per {@code database.table}
     * @throws IllegalArgumentException as {@link #primaryKey(String, String...)}
     */
    public Builder primaryKeys(Map<String, List<String>> keys) {
      Objects.requireNonNull(keys, "MaxwellDecoder.primaryKeys");
      keys.forEach((table, columns) -> primaryKey(table, columns == null ? null : columns.toArray(String[]::new)));
      return this;
    }

    /**
     * How many tables' primary keys learned from DDL events to keep at most; 0 turns learning off.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxLearnedTables(int max) {
      this.maxLearnedTables = KeySettings.maxLearned("MaxwellDecoder.maxLearnedTables", max);
      return this;
    }

    /** The decoder. */
    public MaxwellDecoder build() {
      return new MaxwellDecoder(this);
    }
  }
}
