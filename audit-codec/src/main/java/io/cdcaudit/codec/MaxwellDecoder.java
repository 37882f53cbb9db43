package io.cdcaudit.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.BinlogPositions;
import io.cdcaudit.codec.internal.EpochTimes;
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
 *   <li>{@code ts} is in seconds for row events and in milliseconds for DDL events.
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
 * With {@code --output_binlog_position}, a row event's id is derived from server id, binlog file
 * and offset, xid, xoffset (or "commit" for the last row), table, operation and primary key (and
 * the row's content when there is no key). Maxwell's <b>default output has no position</b>: the id
 * then comes from xid, xoffset (or "commit"), the commit time in seconds, table, operation, key and
 * the row's content ({@code data} and {@code old}). So without a position a replay is recognised by
 * xid, xoffset, commit time and content together; xid alone is not enough, since a server restart
 * can issue the same xid again. A {@code bootstrap-insert} id comes from the time, table, key and
 * content; a DDL id from position, time, table, type and the statement.
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
    return decodeTree(Json.parse(value, PRODUCER, "the message"), message);
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
          schemaChange(root, type);
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

    EventId id;
    if (operation == Operation.SNAPSHOT) {
      id = EventId.derive("maxwell-bootstrap", Long.toString(committedAt.getEpochSecond()),
          table.database(), table.table(), key.canonical(), data.canonicalText());
    } else if (position.hasBinlogCoordinates()) {
      String serverId = position.serverId() == null ? null : position.serverId().toString();
      String[] coordinates = {"maxwell", serverId, position.binlogFile(), Long.toString(position.binlogOffset()),
          xid, placeInTransaction, table.database(), table.table(), operation.wireName(), key.canonical()};
      // Without a key, rows of one binlog event differ only by content (and xoffset, if printed).
      id = key.isNone()
          ? EventId.derive(append(coordinates, data.canonicalText(), old.canonicalText()))
          : EventId.derive(coordinates);
    } else {
      id = EventId.derive("maxwell", xid, placeInTransaction, Long.toString(committedAt.getEpochSecond()),
          table.database(), table.table(), operation.wireName(), key.canonical(),
          data.canonicalText(), old.canonicalText());
    }

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
        .connectionId(threadId == null || threadId == 0 ? null : threadId);
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

  private Decoded schemaChange(JsonNode root, String type) throws DecodeException {
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
        .id(EventId.derive("maxwell-ddl", positionText, Long.toString(ts), table.database(), table.table(), type, sql))
        .producer(PRODUCER)
        .table(table)
        .operation(Operation.SCHEMA_CHANGE)
        .committedAt(committedAt)
        .transaction(xid == null ? null : TransactionRef.of(xid))
        .position(position)
        .statement(sql)
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

  private static String[] append(String[] parts, String... more) {
    String[] all = java.util.Arrays.copyOf(parts, parts.length + more.length);
    System.arraycopy(more, 0, all, parts.length, more.length);
    return all;
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
