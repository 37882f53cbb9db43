package io.cdcaudit.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.ConnectSchemas;
import io.cdcaudit.codec.internal.DebeziumTableChanges;
import io.cdcaudit.codec.internal.EpochTimes;
import io.cdcaudit.codec.internal.EventIds;
import io.cdcaudit.codec.internal.Json;
import io.cdcaudit.codec.internal.JsonFields;
import io.cdcaudit.codec.internal.KeyColumns;
import io.cdcaudit.codec.internal.KeySettings;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.source.SourceMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Decodes the JSON records of Debezium's MySQL and MariaDB connectors (JSON converter, with or
 * without {@code schemas.enable}; the {@code {"schema":..,"payload":..}} wrapper is detected on
 * the value and on the key).
 *
 * <h2>Mapping</h2>
 * <ul>
 *   <li>{@code op} {@code c}, {@code u}, {@code d}, {@code r}, {@code t} become
 *       {@link Operation#INSERT}, {@link Operation#UPDATE}, {@link Operation#DELETE},
 *       {@link Operation#SNAPSHOT}, {@link Operation#TRUNCATE}, with the envelope's
 *       {@code before}/{@code after}.
 *   <li>A schema-change value ({@code ddl} and {@code databaseName}) becomes
 *       {@link Operation#SCHEMA_CHANGE} of {@code databaseName} and {@code source.table}, with the
 *       DDL as statement.
 *   <li>A tombstone (no value, or the JSON {@code null}) is skipped as
 *       {@link Decoded.SkipReason#TOMBSTONE}; transaction metadata ({@code status} BEGIN/END) and
 *       heartbeats (a value of only {@code ts_ms}) as {@link Decoded.SkipReason#MARKER}.
 *   <li>The commit time is {@code source.ts_us} where present, else {@code source.ts_ms}, else
 *       {@code source.ts_sec}; 0 means unknown, and only a snapshot event then takes the
 *       envelope's {@code ts_ms} (when it was read); a streaming event without one is refused. The
 *       position is {@code source.server_id} (0, as in snapshots, means unknown), {@code file},
 *       {@code pos}, {@code row}, {@code gtid}. The transaction is the {@code transaction} block
 *       ({@code provide.transaction.metadata}), else the GTID. {@code source.thread} is the
 *       connection id (absent or 0 means unknown), {@code source.query} ({@code include.query})
 *       the statement.
 * </ul>
 *
 * <h2>Values</h2>
 * Without schemas, values map as printed (temporal numbers stay integers, decimals printed as
 * strings stay text). With schemas, {@code bytes} fields become binary, Connect
 * {@code Decimal} and Debezium {@code VariableScaleDecimal} exact decimals, and
 * {@code io.debezium.data.Json} JSON.
 *
 * <h2>Primary key</h2>
 * The columns of the record key; else the columns configured with
 * {@link Builder#primaryKey(String, String...)}; else those learned from schema-change events'
 * {@code tableChanges[].table.primaryKeyColumnNames}. Values come from the row image (the before
 * image of a delete) where it has the column, else from the key. A primary-key change arrives as a
 * delete, a tombstone and a create; they stay separate events with separate ids.
 *
 * <h2>Event ids</h2>
 * An id depends only on the message and its coordinates, never on row or key values nor on what
 * the decoder learned. Streaming rows ({@code op} c, u, d, t with {@code file} and {@code pos}):
 * server id, binlog file, position and row, table and operation. Schema changes read from the
 * binlog: server id, file, position, row and table. Snapshot rows ({@code op} r: every row of a
 * snapshot shares one position, and two connectors can snapshot at one position), snapshot schema
 * changes (a snapshot's six schema changes share one position) and events without a position get
 * their id from where their message sat in the source (topic, partition and offset) and the
 * operation: a redelivered message keeps its id, while a snapshot that runs again makes new
 * records. Every event records its message's coordinates as {@link ChangeEvent#origin()}.
 *
 * <p>Thread-safe: one instance may decode from several threads. It keeps only a bounded map of
 * key columns learned from schema changes.
 */
public final class DebeziumDecoder extends JsonChangeDecoder {

  /** The producer name events of this decoder carry. */
  public static final String PRODUCER = "debezium";

  /** How many tables' learned primary keys a decoder keeps unless told otherwise. */
  public static final int DEFAULT_MAX_LEARNED_TABLES = KeySettings.DEFAULT_MAX_LEARNED_TABLES;

  private static final JsonFields F = new JsonFields(PRODUCER);
  private static final String KEY_ROOT = "$key";

  private final KeyColumns keyColumns;

  private DebeziumDecoder(Builder builder) {
    super(F);
    this.keyColumns = builder.keys.keyColumns();
  }

  /**
   * A decoder with no configured primary keys.
   *
   * @return the decoder
   */
  public static DebeziumDecoder create() {
    return builder().build();
  }

  /**
   * A builder for a decoder with options.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@value #PRODUCER}, the producer of the events this decoder makes.
   *
   * @return {@code debezium}
   */
  public String producer() {
    return PRODUCER;
  }

  /**
   * Decodes one Debezium record value, with its key where the message has one.
   *
   * @throws DecodeException when the value or key is not JSON, the value is not one of
   *     Debezium's kinds, or a field is missing or of the wrong type; the message names the path
   */
  @Override
  public Decoded decode(SourceMessage message) throws DecodeException {
    return decodeMessage(message);
  }

  @Override
  Decoded withoutValue(SourceMessage message) {
    return tombstone(message);
  }

  @Override
  Decoded notAnObject(JsonNode root, SourceMessage message) throws DecodeException {
    return root.isNull() ? tombstone(message) : super.notAnObject(root, message);
  }

  /** Whether a parsed message looks like a Debezium record value. */
  static boolean looksLikeDebezium(JsonNode root) {
    if (root.isNull()) {
      return true;
    }
    if (!root.isObject()) {
      return false;
    }
    return root.has("op") || root.has("source") || isWrapper(root)
        || (root.has("ddl") && root.has("databaseName")) || root.has("status") || isHeartbeat(root);
  }

  @Override
  Decoded decodeObject(JsonNode root, SourceMessage message) throws DecodeException {
    JsonNode envelope = root;
    JsonNode schema = null;
    String path = ROOT;
    if (isWrapper(root)) {
      path = JsonFields.path(ROOT, "payload");
      envelope = root.get("payload");
      schema = F.optionalObject(root, ROOT, "schema");
      if (envelope.isNull()) {
        return tombstone(message);
      }
      if (!envelope.isObject()) {
        throw F.wrongType(path, "an object", envelope);
      }
    }
    if (envelope.has("op")) {
      return rowChange(envelope, schema, path, message);
    }
    if (envelope.has("ddl") && envelope.has("databaseName")) {
      return schemaChange(envelope, path, message);
    }
    if (envelope.has("status")) {
      return transactionMarker(envelope, path);
    }
    if (isHeartbeat(envelope)) {
      return skipped(Decoded.SkipReason.MARKER, "heartbeat on " + message.partition().stream());
    }
    throw F.error(path, "is not a Debezium event: it has no op, no ddl and databaseName, and no transaction status");
  }

  private Decoded rowChange(JsonNode envelope, JsonNode schema, String path, SourceMessage message)
      throws DecodeException {
    String opCode = F.requiredText(envelope, path, "op");
    Operation operation = switch (opCode) {
      case "c" -> Operation.INSERT;
      case "u" -> Operation.UPDATE;
      case "d" -> Operation.DELETE;
      case "r" -> Operation.SNAPSHOT;
      case "t" -> Operation.TRUNCATE;
      default -> throw F.error(JsonFields.path(path, "op"), "'" + opCode + "' is not a Debezium operation (c, u, d, r, t)");
    };
    String sourcePath = JsonFields.path(path, "source");
    JsonNode source = F.requiredObject(envelope, path, "source");
    TableRef table = TableRef.of(F.requiredName(source, sourcePath, "db"), F.requiredName(source, sourcePath, "table"));
    SourcePosition position = position(source, sourcePath);
    Instant committedAt = committedAt(envelope, path, source, sourcePath);
    TransactionRef transaction = transaction(envelope, path, position);

    Row before = Row.EMPTY;
    Row after = Row.EMPTY;
    if (operation == Operation.UPDATE || operation == Operation.DELETE) {
      before = image(envelope, schema, path, "before", opCode);
    }
    if (operation == Operation.INSERT || operation == Operation.UPDATE || operation == Operation.SNAPSHOT) {
      after = image(envelope, schema, path, "after", opCode);
    }
    PrimaryKey key = operation == Operation.TRUNCATE
        ? PrimaryKey.NONE
        : primaryKey(message, table, operation == Operation.DELETE ? before : after);

    return Decoded.change(event(message)
        .id(EventIds.debeziumRow(position, table, operation, message.coordinates()))
        .table(table)
        .operation(operation)
        .committedAt(committedAt)
        .transaction(transaction)
        .position(position)
        .primaryKey(key)
        .before(before)
        .after(after)
        .statement(F.optionalText(source, sourcePath, "query"))
        .connectionId(F.optionalKnownCount(source, sourcePath, "thread"))
        .build());
  }

  private Decoded schemaChange(JsonNode envelope, String path, SourceMessage message) throws DecodeException {
    String databaseName = F.requiredText(envelope, path, "databaseName");
    String ddl = F.requiredText(envelope, path, "ddl");
    String sourcePath = JsonFields.path(path, "source");
    JsonNode source = F.requiredObject(envelope, path, "source");
    String sourceTable = F.optionalText(source, sourcePath, "table");
    TableRef table = TableRef.of(databaseName, sourceTable == null ? "" : sourceTable);
    SourcePosition position = position(source, sourcePath);
    Instant committedAt = committedAt(envelope, path, source, sourcePath);
    learnKeys(envelope, path);
    return Decoded.change(event(message)
        .id(EventIds.debeziumDdl(position, inSnapshot(source, sourcePath), table, message.coordinates()))
        .table(table)
        .operation(Operation.SCHEMA_CHANGE)
        .committedAt(committedAt)
        .transaction(position.gtid() == null ? null : TransactionRef.of(position.gtid()))
        .position(position)
        .statement(ddl)
        .connectionId(F.optionalKnownCount(source, sourcePath, "thread"))
        .build());
  }

  /**
   * Whether {@code source.snapshot} says the event was read by a snapshot: Debezium prints
   * {@code "true"}, {@code "first"}, {@code "last"}, {@code "incremental"} and so on (older versions a
   * boolean), and {@code "false"} or nothing while streaming.
   */
  private static boolean inSnapshot(JsonNode source, String path) throws DecodeException {
    JsonNode snapshot = JsonFields.present(source, "snapshot");
    if (snapshot == null) {
      return false;
    }
    if (snapshot.isBoolean()) {
      return snapshot.booleanValue();
    }
    if (!snapshot.isTextual()) {
      throw F.wrongType(JsonFields.path(path, "snapshot"), "a string or a boolean", snapshot);
    }
    return !snapshot.textValue().equals("false");
  }

  private Decoded transactionMarker(JsonNode envelope, String path) throws DecodeException {
    String status = F.requiredText(envelope, path, "status");
    if (!status.equals("BEGIN") && !status.equals("END")) {
      throw F.error(JsonFields.path(path, "status"), "'" + status + "' is not a transaction status (BEGIN, END)");
    }
    String id = F.requiredText(envelope, path, "id");
    return skipped(Decoded.SkipReason.MARKER, "transaction " + status + ' ' + id);
  }

  private Row image(JsonNode envelope, JsonNode schema, String path, String name, String opCode)
      throws DecodeException {
    String imagePath = JsonFields.path(path, name);
    JsonNode node = F.optionalObject(envelope, path, name);
    if (node == null) {
      throw F.error(imagePath, "is missing; a Debezium '" + opCode + "' event carries it");
    }
    Map<String, JsonNode> schemas = ConnectSchemas.fields(ConnectSchemas.field(schema, name));
    Row row = ConnectSchemas.row(node, schemas, imagePath, F);
    if (row.isEmpty()) {
      throw F.error(imagePath, "is empty; a Debezium '" + opCode + "' event carries the row's columns");
    }
    return row;
  }

  private PrimaryKey primaryKey(SourceMessage message, TableRef table, Row image) throws DecodeException {
    return keyColumns.primaryKey(table, image, keyDocument(message.key()), UnaryOperator.identity());
  }

  /** The record key's columns (with their schema, if wrapped); empty when there is no key. */
  private static Row keyDocument(byte[] key) throws DecodeException {
    if (key == null || key.length == 0) {
      return Row.EMPTY;
    }
    JsonNode root = Json.parse(key, PRODUCER, "the key", KEY_ROOT);
    JsonNode document = root;
    JsonNode schema = null;
    String path = KEY_ROOT;
    if (isWrapper(root)) {
      document = root.get("payload");
      schema = F.optionalObject(root, KEY_ROOT, "schema");
      path = KEY_ROOT + ".payload";
    }
    if (document.isNull()) {
      return Row.EMPTY; // a table without a primary key has a null key
    }
    if (!document.isObject()) {
      throw F.wrongType(path, "an object", document);
    }
    return ConnectSchemas.row(document, ConnectSchemas.fields(schema), path, F);
  }

  private void learnKeys(JsonNode envelope, String path) throws DecodeException {
    JsonNode changes = F.optionalArray(envelope, path, "tableChanges");
    if (changes != null) {
      DebeziumTableChanges.learnKeys(changes, keyColumns);
    }
  }

  private static SourcePosition position(JsonNode source, String path) throws DecodeException {
    Long serverId = F.optionalKnownCount(source, path, "server_id");
    String file = F.optionalText(source, path, "file");
    Long offset = F.optionalCount(source, path, "pos");
    Long row = F.optionalCount(source, path, "row");
    if (row != null && row > Integer.MAX_VALUE) {
      throw F.error(JsonFields.path(path, "row"), "is out of range: " + row);
    }
    String gtid = F.optionalText(source, path, "gtid");
    return new SourcePosition(
        serverId,
        file,
        offset == null ? -1 : offset,
        row == null ? -1 : row.intValue(),
        gtid);
  }

  /**
   * {@code source.ts_us}, else {@code ts_ms}, else {@code ts_sec} (Debezium 0.x and
   * {@code source.struct.version=v1}); 0 in any of them means unknown. A snapshot event whose time
   * is unknown (Debezium 0.x prints 0 in snapshots) takes the envelope's {@code ts_ms}, the time
   * the connector read the row: a snapshot row was committed at some unknown time before, and it
   * was true when read. A streaming event whose commit time is unknown is refused.
   */
  private static Instant committedAt(JsonNode envelope, String envelopePath, JsonNode source, String path)
      throws DecodeException {
    String unknown = null; // the last time field that was present and 0
    Long micros = F.optionalCount(source, path, "ts_us");
    if (micros != null && !EpochTimes.isUnknown(micros)) {
      return EpochTimes.micros(micros, JsonFields.path(path, "ts_us"), F);
    }
    unknown = micros == null ? unknown : "ts_us";
    Long millis = F.optionalCount(source, path, "ts_ms");
    if (millis != null && !EpochTimes.isUnknown(millis)) {
      return EpochTimes.millis(millis, JsonFields.path(path, "ts_ms"), F);
    }
    unknown = millis == null ? unknown : "ts_ms";
    Long seconds = F.optionalCount(source, path, "ts_sec");
    if (seconds != null && !EpochTimes.isUnknown(seconds)) {
      return EpochTimes.seconds(seconds, JsonFields.path(path, "ts_sec"), F);
    }
    unknown = seconds == null ? unknown : "ts_sec";
    if (unknown == null) {
      throw F.error(JsonFields.path(path, "ts_ms"), "is missing (and so are ts_us and ts_sec)");
    }
    if (inSnapshot(source, path)) {
      Long read = F.optionalCount(envelope, envelopePath, "ts_ms");
      if (read != null) {
        return EpochTimes.millis(read, JsonFields.path(envelopePath, "ts_ms"), F);
      }
    }
    throw F.error(JsonFields.path(path, unknown), "is 0, which means the commit time is unknown; only a snapshot "
        + "event falls back to the envelope's ts_ms (when it was read)");
  }

  private static TransactionRef transaction(JsonNode envelope, String path, SourcePosition position)
      throws DecodeException {
    JsonNode block = F.optionalObject(envelope, path, "transaction");
    if (block != null) {
      String blockPath = JsonFields.path(path, "transaction");
      String id = F.requiredName(block, blockPath, "id");
      Long totalOrder = F.optionalCount(block, blockPath, "total_order");
      F.optionalCount(block, blockPath, "data_collection_order"); // checked, not kept
      return new TransactionRef(id, totalOrder == null ? -1 : totalOrder, false);
    }
    return position.gtid() == null ? null : TransactionRef.of(position.gtid());
  }

  private Decoded tombstone(SourceMessage message) {
    return skipped(Decoded.SkipReason.TOMBSTONE, "tombstone on " + message.partition().stream());
  }

  private static boolean isWrapper(JsonNode node) {
    return node.isObject() && node.size() == 2 && node.has("schema") && node.has("payload");
  }

  private static boolean isHeartbeat(JsonNode node) {
    return node.isObject() && node.size() == 1 && node.has("ts_ms");
  }

  /** Builds a {@link DebeziumDecoder}. */
  public static final class Builder {
    private final KeySettings keys = new KeySettings("DebeziumDecoder");

    private Builder() {}

    /**
     * Declares the primary-key columns of a table, for records without a key (a table without a
     * primary key, or a source that drops Kafka keys) whose schema changes were not seen.
     *
     * @param table {@code database.table}
     * @param columns the key columns, in key order
     * @return this builder
     * @throws IllegalArgumentException when the table is not {@code database.table} or a column is blank
     */
    public Builder primaryKey(String table, String... columns) {
      keys.primaryKey(table, columns);
      return this;
    }

    /**
     * Declares the primary-key columns of several tables.
     *
     * @param keys key columns per {@code database.table}
     * @return this builder
     * @throws IllegalArgumentException as {@link #primaryKey(String, String...)}
     */
    public Builder primaryKeys(Map<String, List<String>> keys) {
      this.keys.primaryKeys(keys);
      return this;
    }

    /**
     * How many tables' primary keys learned from schema changes to keep at most; 0 turns learning off.
     *
     * @param max the most tables to remember
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder maxLearnedTables(int max) {
      keys.maxLearnedTables(max);
      return this;
    }

    /**
     * The decoder.
     *
     * @return the decoder
     */
    public DebeziumDecoder build() {
      return new DebeziumDecoder(this);
    }
  }
}
