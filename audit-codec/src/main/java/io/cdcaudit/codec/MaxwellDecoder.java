package io.cdcaudit.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.BinlogPositions;
import io.cdcaudit.codec.internal.EpochTimes;
import io.cdcaudit.codec.internal.EventIds;
import io.cdcaudit.codec.internal.JsonFields;
import io.cdcaudit.codec.internal.JsonValues;
import io.cdcaudit.codec.internal.KeyColumns;
import io.cdcaudit.codec.internal.KeySettings;
import io.cdcaudit.codec.internal.Keys;
import io.cdcaudit.codec.internal.MaxwellEncryption;
import io.cdcaudit.codec.internal.MaxwellKeys;
import io.cdcaudit.codec.internal.MaxwellNames;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
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
 * <h2>Options</h2>
 * {@link Builder#outputNamingStrategy} for Maxwell's {@code output_naming_strategy}: a row event
 * named the other way is refused, naming the field. {@link Builder#encryptionKey} for
 * {@code encrypt=data} and {@code encrypt=all}: without it, an encrypted event is refused.
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
public final class MaxwellDecoder extends JsonChangeDecoder {

  /** The producer name events of this decoder carry. */
  public static final String PRODUCER = "maxwell";

  /** How many tables' learned primary keys a decoder keeps unless told otherwise. */
  public static final int DEFAULT_MAX_LEARNED_TABLES = KeySettings.DEFAULT_MAX_LEARNED_TABLES;

  private static final JsonFields F = new JsonFields(PRODUCER);

  private final KeyColumns keyColumns;
  private final FieldNaming naming;
  private final MaxwellNames names;
  private final MaxwellEncryption encryption;

  private MaxwellDecoder(Builder builder) {
    super(F);
    this.keyColumns = builder.keys.keyColumns();
    this.naming = builder.naming;
    this.names = builder.naming == FieldNaming.UNDERSCORE_TO_CAMELCASE ? MaxwellNames.CAMEL_CASE : MaxwellNames.AS_IS;
    this.encryption = builder.encryptionKey == null ? null
        : MaxwellEncryption.withKey(builder.encryptionKey, ENCRYPTION_KEY_SETTING);
  }

  /**
   * How Maxwell names the fields of row events: its {@code output_naming_strategy}.
   */
  public enum FieldNaming {
    /** Maxwell's default: {@code server_id}, {@code primary_key_columns}, columns as they are. */
    AS_IS,
    /**
     * {@code output_naming_strategy=underscore_to_camelcase} (Maxwell 1.26 and later):
     * {@code serverId}, {@code primaryKeyColumns}, and camel-case column names in {@code data}
     * and {@code old}. Key columns configured, learned from DDL or listed in
     * {@code primaryKeyColumns} are found under their camel-case names, which the event's
     * images and primary key then carry.
     */
    UNDERSCORE_TO_CAMELCASE
  }

  private static final String ENCRYPTION_KEY_SETTING = "MaxwellDecoder.encryptionKey";

  /**
   * A decoder with no configured primary keys.
   *
   * @return the decoder
   */
  public static MaxwellDecoder create() {
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
   * @return {@code maxwell}
   */
  public String producer() {
    return PRODUCER;
  }

  /** The decoder's options, without the encryption key. */
  @Override
  public String toString() {
    return "MaxwellDecoder[naming=" + naming + ", encryption=" + (encryption == null ? "off" : "on (key hidden)") + "]";
  }

  /**
   * Decodes one Maxwell event.
   *
   * @throws DecodeException when the message has no value, is not a JSON object, or a field is
   *     missing or of the wrong type; the message names the field's path
   */
  @Override
  public Decoded decode(SourceMessage message) throws DecodeException {
    return decodeMessage(message);
  }

  @Override
  Decoded withoutValue(SourceMessage message) throws DecodeException {
    throw F.error("the message has no value (a tombstone); Maxwell never writes one");
  }

  /**
   * Whether a parsed message looks like a Maxwell event: it has a {@code type} and a
   * {@code database}, or it is only {@code encrypted} (Maxwell's {@code encrypt=all}).
   */
  static boolean looksLikeMaxwell(JsonNode root) {
    return root.isObject() && ((root.has("type") && root.has("database")) || MaxwellEncryption.isEncryptedWhole(root));
  }

  @Override
  Decoded decodeObject(JsonNode root, SourceMessage message) throws DecodeException {
    return decodeEvent(decrypted(root), message);
  }

  /** The event in the clear: itself, or with Maxwell's {@code encrypted} field decrypted. */
  private JsonNode decrypted(JsonNode root) throws DecodeException {
    JsonNode encrypted = F.optionalObject(root, ROOT, "encrypted");
    if (encrypted == null) {
      return root;
    }
    String path = JsonFields.path(ROOT, "encrypted");
    if (encryption == null) {
      throw F.error(path, "holds an encrypted event (Maxwell's encrypt="
          + (MaxwellEncryption.isEncryptedWhole(root) ? "all" : "data")
          + "); build the decoder with MaxwellDecoder.Builder.encryptionKey(Maxwell's secret_key) to decrypt it");
    }
    return encryption.decryptEvent(root, encrypted, path, names, F);
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
    requireNaming(root);
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
    SourcePosition position = position(root, names);
    Long connectionId = F.optionalKnownCount(root, ROOT, names.of("thread_id"));
    PrimaryKey key = primaryKey(root, table, data, message);

    ChangeEvent.Builder event = event(message)
        .id(EventIds.maxwellRow(position, xid, xoffset, commit, table, operation, message.coordinates()))
        .table(table)
        .operation(operation)
        .committedAt(committedAt)
        .transaction(transaction)
        .position(position)
        .primaryKey(key)
        .statement(F.optionalText(root, ROOT, "query"))
        .connectionId(connectionId);
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
    return skipped(Decoded.SkipReason.MARKER, type + " of " + ref.qualifiedName());
  }

  private Decoded schemaChange(JsonNode root, SourceMessage message, String type) throws DecodeException {
    String database = F.requiredName(root, ROOT, "database");
    String tableName = F.optionalText(root, ROOT, "table");
    TableRef table = TableRef.of(database, tableName == null ? "" : tableName);
    long ts = F.requiredLong(root, ROOT, "ts");
    Instant committedAt = EpochTimes.millis(ts, "$.ts", F);
    String sql = F.requiredText(root, ROOT, "sql");
    String positionText = F.optionalText(root, ROOT, "position");
    SourcePosition position = position(root, MaxwellNames.AS_IS); // Maxwell never renames DDL fields
    String xid = F.optionalIntegerText(root, ROOT, "xid");
    learnKey(root, type, table);
    return Decoded.change(event(message)
        .id(EventIds.maxwellDdl(position, positionText, type, table, message.coordinates()))
        .table(table)
        .operation(Operation.SCHEMA_CHANGE)
        .committedAt(committedAt)
        .transaction(xid == null ? null : TransactionRef.of(xid))
        .position(position)
        .statement(sql)
        .build());
  }

  /**
   * Refuses a row event whose multi-word fields are named by the other naming strategy: read with
   * the wrong names, it would lose its key and position without a word.
   */
  private void requireNaming(JsonNode root) throws DecodeException {
    for (String foreign : names.foreignFields()) {
      if (root.has(foreign)) {
        String other = naming == FieldNaming.AS_IS ? "underscore_to_camelcase" : "the default (underscores)";
        throw F.error(JsonFields.path(ROOT, foreign), "is named as Maxwell's output_naming_strategy " + other
            + " names it, but the decoder reads " + naming + "; build it with "
            + "MaxwellDecoder.Builder.outputNamingStrategy(FieldNaming." + (naming == FieldNaming.AS_IS
                ? FieldNaming.UNDERSCORE_TO_CAMELCASE : FieldNaming.AS_IS) + ")");
      }
    }
  }

  private SourcePosition position(JsonNode root, MaxwellNames names) throws DecodeException {
    String text = F.optionalText(root, ROOT, "position");
    Long serverId = F.optionalCount(root, ROOT, names.of("server_id"));
    String gtid = F.optionalText(root, ROOT, "gtid");
    if (text == null && serverId == null && gtid == null) {
      return SourcePosition.UNKNOWN;
    }
    BinlogPositions.FileAndOffset at = text == null ? null : BinlogPositions.parse(text, "$.position", F);
    return new SourcePosition(serverId, at == null ? null : at.file(), at == null ? -1 : at.offset(), -1, gtid);
  }

  private PrimaryKey primaryKey(JsonNode root, TableRef table, Row data, SourceMessage message)
      throws DecodeException {
    // Maxwell lists key columns by their own names, also when it renames them in data.
    List<String> printedColumns = renamed(F.optionalNames(root, ROOT, names.of("primary_key_columns")));
    JsonNode printedValues = F.optionalArray(root, ROOT, names.of("primary_key"));
    if (!printedColumns.isEmpty()) {
      Row printed = printedValues != null && printedValues.size() == printedColumns.size()
          ? zip(printedColumns, printedValues) : null;
      PrimaryKey key = Keys.of(printedColumns, data, printed);
      if (key != null) {
        return key;
      }
    }
    return keyColumns.primaryKey(table, data, renamed(MaxwellKeys.primaryKey(message.key())), this::renamed);
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

  /** Column names as the event's images name them. */
  private List<String> renamed(List<String> columns) {
    return names.renamesColumns() && !columns.isEmpty() ? columns.stream().map(names::of).toList() : columns;
  }

  private Row renamed(Row keyDocument) {
    if (!names.renamesColumns() || keyDocument.isEmpty()) {
      return keyDocument;
    }
    Row.Builder renamed = Row.builder();
    keyDocument.asMap().forEach((column, value) -> renamed.put(names.of(column), value));
    return renamed.build();
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
    private final KeySettings keys = new KeySettings("MaxwellDecoder");
    private FieldNaming naming = FieldNaming.AS_IS;
    private String encryptionKey;

    private Builder() {}

    /**
     * How Maxwell names fields ({@code output_naming_strategy}); {@link FieldNaming#AS_IS} unless
     * told. A row event named the other way is refused with a {@link DecodeException}, never read
     * without its key and position.
     *
     * @param naming Maxwell's {@code output_naming_strategy}
     * @return this builder
     */
    public Builder outputNamingStrategy(FieldNaming naming) {
      this.naming = Objects.requireNonNull(naming, "MaxwellDecoder.outputNamingStrategy");
      return this;
    }

    /**
     * The key that decrypts Maxwell's {@code encrypt=data} and {@code encrypt=all} output: the
     * value of Maxwell's {@code secret_key}, whose UTF-8 bytes are an AES key (16, 24 or 32
     * bytes; checked by {@link #build()}). Without it an encrypted event is a
     * {@link DecodeException}. The key never appears in {@code toString} or error messages.
     *
     * @param secretKey Maxwell's {@code secret_key}
     * @return this builder
     */
    public Builder encryptionKey(String secretKey) {
      this.encryptionKey = Objects.requireNonNull(secretKey, ENCRYPTION_KEY_SETTING);
      return this;
    }

    @Override
    public String toString() {
      return "MaxwellDecoder.Builder[naming=" + naming + ", encryptionKey=" + (encryptionKey == null ? "none" : "set")
          + ", " + keys + "]";
    }

    /**
     * Declares the primary-key columns of a table, for events that do not say them (Maxwell's
     * default output has neither {@code primary_key_columns} nor, outside Kafka, a key).
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
     * How many tables' primary keys learned from DDL events to keep at most; 0 turns learning off.
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
     * @throws IllegalArgumentException naming {@code MaxwellDecoder.encryptionKey} when the key
     *     is not 16, 24 or 32 bytes in UTF-8
     */
    public MaxwellDecoder build() {
      return new MaxwellDecoder(this);
    }
  }
}
