package io.cdcaudit.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.Json;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.record.Retention;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The JSON form of an {@link AuditRecord}, written and read back exactly: reading what
 * {@link #toBytes(AuditRecord)} wrote gives an equal record. Stores keep records in this form (or
 * build their own documents with the value helpers below), so that no store re-invents it.
 *
 * <h2>Record</h2>
 * <pre>{@code
 * {"id":"..","producer":"maxwell","database":"shop","table":"orders","op":"update",
 *  "committedAt":"2025-03-01T09:15:00Z",
 *  "transaction":{"id":"453","position":null,"last":true},
 *  "position":{"serverId":1,"file":"mysql-bin.000001","offset":72560,"row":null,"gtid":null},
 *  "primaryKey":{"id":2},"before":{..},"after":{..},
 *  "changes":[{"column":"status","before":"new","after":"shipped"}],
 *  "statement":null,"connectionId":null,
 *  "origin":{"stream":"maxwell","partition":"0","ordered":true,"position":"1234"},
 *  "actor":{"name":null,"source":"unknown","attributes":{}},
 *  "recordedAt":"2025-03-01T09:15:01.5Z",
 *  "retention":{"expiresAt":null,"legalHold":false}}
 * }</pre>
 * Times are ISO-8601 instants. {@code transaction} is null when the event has none; unknown parts
 * of {@code transaction} and {@code position} are null; {@code origin} (where the message sat in
 * its source) is null or absent for an event that was not read from a source; {@code primaryKey}, {@code before} and
 * {@code after} are null when empty. {@code op} is the operation's wire name, {@code actor.source}
 * the lower-case evidence kind.
 *
 * <h2>Values</h2>
 * <ul>
 *   <li>Int, BigInt: JSON integers. Decimal: a JSON number with its scale ({@code 250.00}); a
 *       decimal of scale 0 prints with an exponent ({@code 5E0}) so that it does not read back
 *       as an integer.
 *   <li>Text: a string; Bool: {@code true}/{@code false}; NULL: {@code null}.
 *   <li>Bytes: {@code {"$binary":"<base64>"}}.
 *   <li>Json: {@code {"$json":<the document>}}; a JSON text that is not in compact form (so that
 *       re-reading it would change it) is kept verbatim as {@code {"$jsonText":"<text>"}}.
 * </ul>
 * A row is an object of its columns in order, each value encoded as above.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class AuditRecordJson {

  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();
  private static final String WHAT = "audit record JSON";

  private AuditRecordJson() {}

  // ---------------------------------------------------------------- records

  /**
   * The record as UTF-8 JSON.
   *
   * @param record the record
   * @return its JSON form, UTF-8
   */
  public static byte[] toBytes(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (JsonGenerator out = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
      write(out, record);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The record as JSON text.
   *
   * @param record the record
   * @return its JSON form
   */
  public static String toText(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    StringWriter text = new StringWriter(1024);
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      write(out, record);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return text.toString();
  }

  /**
   * Reads a record from UTF-8 JSON.
   *
   * @param json UTF-8 JSON as {@link #toBytes} writes it
   * @return the record
   * @throws MalformedAuditJsonException when the JSON is not a record as {@link #toBytes} writes it
   */
  public static AuditRecord fromBytes(byte[] json) {
    Objects.requireNonNull(json, "json");
    return read(parse(json));
  }

  /**
   * Reads a record from JSON text.
   *
   * @param json JSON text as {@link #toText} writes it
   * @return the record
   * @throws MalformedAuditJsonException when the JSON is not a record as {@link #toText} writes it
   */
  public static AuditRecord fromText(String json) {
    Objects.requireNonNull(json, "json");
    return read(parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Writes a record as one JSON object to {@code out}, for stores that stream several.
   *
   * @param out the generator to write to, positioned where a value may start
   * @param record the record
   * @throws IOException when {@code out} fails
   */
  public static void write(JsonGenerator out, AuditRecord record) throws IOException {
    ChangeEvent event = record.event();
    out.writeStartObject();
    out.writeStringField("id", event.id().value());
    out.writeStringField("producer", event.producer());
    out.writeStringField("database", event.table().database());
    out.writeStringField("table", event.table().table());
    out.writeStringField("op", event.operation().wireName());
    out.writeStringField("committedAt", event.committedAt().toString());
    out.writeFieldName("transaction");
    writeTransaction(out, event.transaction().orElse(null));
    out.writeFieldName("position");
    writePosition(out, event.position());
    out.writeFieldName("primaryKey");
    writeRowOrNull(out, event.primaryKey().columns());
    out.writeFieldName("before");
    writeRowOrNull(out, event.before());
    out.writeFieldName("after");
    writeRowOrNull(out, event.after());
    out.writeArrayFieldStart("changes");
    for (FieldChange change : record.changes()) {
      out.writeStartObject();
      out.writeStringField("column", change.column());
      out.writeFieldName("before");
      writeValue(out, change.before());
      out.writeFieldName("after");
      writeValue(out, change.after());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeFieldName("statement");
    writeNullableString(out, event.statement().orElse(null));
    out.writeFieldName("connectionId");
    if (event.connectionId().isPresent()) {
      out.writeNumber(event.connectionId().getAsLong());
    } else {
      out.writeNull();
    }
    out.writeFieldName("origin");
    writeOrigin(out, event.origin().orElse(null));
    out.writeFieldName("actor");
    writeActor(out, record.actor());
    out.writeStringField("recordedAt", record.recordedAt().toString());
    out.writeObjectFieldStart("retention");
    out.writeFieldName("expiresAt");
    writeNullableString(out, record.retention().expiresAt() == null ? null : record.retention().expiresAt().toString());
    out.writeBooleanField("legalHold", record.retention().legalHold());
    out.writeEndObject();
    out.writeEndObject();
  }

  /**
   * Reads a record from a parsed JSON object.
   *
   * @param json an object as {@link #write} writes it
   * @return the record
   * @throws MalformedAuditJsonException when the object is not a record as {@link #write} writes it
   */
  public static AuditRecord read(JsonNode json) {
    Objects.requireNonNull(json, "json");
    requireWellFormed(json);
    requireObject(json, "$");
    try {
      ChangeEvent event = ChangeEvent.builder()
          .id(EventId.of(requiredText(json, "id")))
          .producer(requiredText(json, "producer"))
          .table(TableRef.of(requiredText(json, "database"), requiredText(json, "table")))
          .operation(operation(requiredText(json, "op")))
          .committedAt(instant(requiredText(json, "committedAt"), "$.committedAt"))
          .transaction(readTransaction(json.get("transaction")))
          .position(readPosition(json.get("position")))
          .primaryKey(PrimaryKey.of(readRowOrEmpty(json.get("primaryKey"), "$.primaryKey")))
          .before(readRowOrEmpty(json.get("before"), "$.before"))
          .after(readRowOrEmpty(json.get("after"), "$.after"))
          .statement(optionalText(json, "statement", "$"))
          .connectionId(optionalLong(json, "connectionId", "$"))
          .origin(readOrigin(json.get("origin")))
          .build();
      return new AuditRecord(
          event,
          readChanges(json.get("changes")),
          readActor(json.get("actor")),
          instant(requiredText(json, "recordedAt"), "$.recordedAt"),
          readRetention(json.get("retention")));
    } catch (MalformedAuditJsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The fields were readable but make no valid record (for example an update without a before image).
      throw new MalformedAuditJsonException(WHAT + ": not a valid audit record: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- values and rows

  /**
   * Writes one value in the encoding described above.
   *
   * @param out the generator to write to
   * @param value the value
   * @throws IOException when {@code out} fails
   */
  public static void writeValue(JsonGenerator out, Value value) throws IOException {
    Objects.requireNonNull(value, "value");
    if (value.isNull()) {
      out.writeNull();
    } else if (value instanceof Value.Bool b) {
      out.writeBoolean(b.value());
    } else if (value instanceof Value.Int i) {
      out.writeNumber(i.value());
    } else if (value instanceof Value.BigInt b) {
      out.writeNumber(b.value());
    } else if (value instanceof Value.Decimal d) {
      out.writeNumber(decimalText(d.value()));
    } else if (value instanceof Value.Text t) {
      out.writeString(t.value());
    } else if (value instanceof Value.Bytes) {
      out.writeStartObject();
      out.writeStringField("$binary", value.asText());
      out.writeEndObject();
    } else if (value instanceof Value.Json j) {
      writeJson(out, j.json());
    } else {
      throw new IllegalStateException("a value kind this codec does not know: " + value.getClass());
    }
  }

  /**
   * Reads one value written by {@link #writeValue}.
   *
   * @param node a value as {@link #writeValue} writes it
   * @return the value, of the type it was written with
   * @throws MalformedAuditJsonException when the node is not such a value
   */
  public static Value readValue(JsonNode node) {
    requireWellFormed(Objects.requireNonNull(node, "node"));
    return readValue(node, "$");
  }

  /**
   * Writes a row as an object of its columns, in order.
   *
   * @param out the generator to write to
   * @param row the row
   * @throws IOException when {@code out} fails
   */
  public static void writeRow(JsonGenerator out, Row row) throws IOException {
    Objects.requireNonNull(row, "row");
    out.writeStartObject();
    for (Map.Entry<String, Value> column : row.asMap().entrySet()) {
      out.writeFieldName(column.getKey());
      writeValue(out, column.getValue());
    }
    out.writeEndObject();
  }

  /**
   * Reads a row written by {@link #writeRow}, columns in the written order.
   *
   * @param node an object as {@link #writeRow} writes it
   * @return the row
   * @throws MalformedAuditJsonException when the node is not such a row
   */
  public static Row readRow(JsonNode node) {
    requireWellFormed(Objects.requireNonNull(node, "node"));
    return readRow(node, "$");
  }

  /**
   * A value as JSON text.
   *
   * @param value the value
   * @return its JSON text, in the encoding of {@link #writeValue}
   */
  public static String valueToJson(Value value) {
    StringWriter text = new StringWriter(32);
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return text.toString();
  }

  /**
   * Reads a value from JSON text written by {@link #valueToJson}.
   *
   * @param json JSON text as {@link #valueToJson} writes it
   * @return the value
   * @throws MalformedAuditJsonException when the text is not such a value
   */
  public static Value valueFromJson(String json) {
    Objects.requireNonNull(json, "json");
    return readValue(parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * A row as JSON text.
   *
   * @param row the row
   * @return its JSON text, columns in order
   */
  public static String rowToJson(Row row) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      writeRow(out, row);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return text.toString();
  }

  /**
   * Reads a row from JSON text written by {@link #rowToJson}.
   *
   * @param json JSON text as {@link #rowToJson} writes it
   * @return the row
   * @throws MalformedAuditJsonException when the text is not such a row
   */
  public static Row rowFromJson(String json) {
    Objects.requireNonNull(json, "json");
    return readRow(parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- writing helpers

  /**
   * {@link BigDecimal#toString()} reads back to an equal BigDecimal, except that a scale of 0
   * prints as a bare integer, which would read back as {@link Value.Int}: give it an exponent.
   */
  private static String decimalText(BigDecimal value) {
    return value.scale() == 0 ? value.unscaledValue() + "E0" : value.toString();
  }

  private static void writeJson(JsonGenerator out, String json) throws IOException {
    JsonNode document = Json.parseOrNull(json);
    out.writeStartObject();
    if (document != null && Json.compact(document).equals(json)) {
      out.writeFieldName("$json");
      out.writeRawValue(json);
    } else {
      out.writeStringField("$jsonText", json);
    }
    out.writeEndObject();
  }

  private static void writeRowOrNull(JsonGenerator out, Row row) throws IOException {
    if (row.isEmpty()) {
      out.writeNull();
    } else {
      writeRow(out, row);
    }
  }

  private static void writeTransaction(JsonGenerator out, TransactionRef transaction) throws IOException {
    if (transaction == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    out.writeStringField("id", transaction.id());
    out.writeFieldName("position");
    writeNonNegativeOrNull(out, transaction.position());
    out.writeBooleanField("last", transaction.last());
    out.writeEndObject();
  }

  private static void writeOrigin(JsonGenerator out, MessageCoordinates origin) throws IOException {
    if (origin == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    out.writeStringField("stream", origin.partition().stream());
    out.writeStringField("partition", origin.partition().partition());
    out.writeBooleanField("ordered", origin.partition().ordered());
    out.writeStringField("position", origin.position());
    out.writeEndObject();
  }

  private static MessageCoordinates readOrigin(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String path = "$.origin";
    requireObject(node, path);
    JsonNode ordered = node.get("ordered");
    if (ordered == null || !ordered.isBoolean()) {
      throw malformed(path + ".ordered", "must be a boolean, got " + Json.describe(ordered));
    }
    return new MessageCoordinates(
        new SourcePartition(requiredText(node, "stream", path), requiredText(node, "partition", path), ordered.booleanValue()),
        requiredText(node, "position", path));
  }

  private static void writePosition(JsonGenerator out, SourcePosition position) throws IOException {
    out.writeStartObject();
    out.writeFieldName("serverId");
    if (position.serverId() == null) {
      out.writeNull();
    } else {
      out.writeNumber(position.serverId());
    }
    out.writeFieldName("file");
    writeNullableString(out, position.binlogFile());
    out.writeFieldName("offset");
    writeNonNegativeOrNull(out, position.binlogOffset());
    out.writeFieldName("row");
    writeNonNegativeOrNull(out, position.row());
    out.writeFieldName("gtid");
    writeNullableString(out, position.gtid());
    out.writeEndObject();
  }

  private static void writeActor(JsonGenerator out, Actor actor) throws IOException {
    out.writeStartObject();
    out.writeFieldName("name");
    writeNullableString(out, actor.name());
    out.writeStringField("source", actor.source().name().toLowerCase(Locale.ROOT));
    out.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> attribute : actor.attributes().entrySet()) {
      out.writeStringField(attribute.getKey(), attribute.getValue());
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writeNonNegativeOrNull(JsonGenerator out, long value) throws IOException {
    if (value < 0) {
      out.writeNull();
    } else {
      out.writeNumber(value);
    }
  }

  private static void writeNullableString(JsonGenerator out, String value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeString(value);
    }
  }

  // ---------------------------------------------------------------- reading helpers

  /** Parses without the tree check, which the public {@code read*} methods do. */
  private static JsonNode parse(byte[] json) {
    try {
      return Json.readTree(json, WHAT, "the input");
    } catch (io.cdcaudit.decode.DecodeException e) {
      throw new MalformedAuditJsonException(e.getMessage(), e);
    }
  }

  /**
   * Refuses lone surrogates (in any string or field name) and numbers beyond
   * {@link Value#MAX_DIGITS}: a store's document must not become a record no event could have.
   */
  private static void requireWellFormed(JsonNode node) {
    String problem = Json.problem(node, "$");
    if (problem != null) {
      throw new MalformedAuditJsonException(WHAT + ": " + problem);
    }
  }

  private static Value readValue(JsonNode node, String path) {
    if (node == null || node.isMissingNode()) {
      throw malformed(path, "is missing");
    }
    switch (node.getNodeType()) {
      case NULL:
        return Value.NULL;
      case BOOLEAN:
        return Value.of(node.booleanValue());
      case NUMBER:
        if (node.isIntegralNumber()) {
          return node.canConvertToLong() ? Value.of(node.longValue()) : Value.of(node.bigIntegerValue());
        }
        return Value.of(node.decimalValue());
      case STRING:
        return Value.of(node.textValue());
      case OBJECT:
        return readTaggedValue(node, path);
      default:
        throw malformed(path, "must be a value (null, boolean, number, string, $binary or $json), got " + Json.describe(node));
    }
  }

  private static Value readTaggedValue(JsonNode node, String path) {
    if (node.size() == 1) {
      JsonNode binary = node.get("$binary");
      if (binary != null) {
        if (!binary.isTextual()) {
          throw malformed(path + ".$binary", "must be base64 text, got " + Json.describe(binary));
        }
        try {
          return Value.ofBytes(Base64.getDecoder().decode(binary.textValue()));
        } catch (IllegalArgumentException e) {
          throw malformed(path + ".$binary", "is not base64: " + e.getMessage());
        }
      }
      JsonNode document = node.get("$json");
      if (document != null) {
        return Value.ofJson(Json.compact(document));
      }
      JsonNode text = node.get("$jsonText");
      if (text != null) {
        if (!text.isTextual()) {
          throw malformed(path + ".$jsonText", "must be a string, got " + Json.describe(text));
        }
        return Value.ofJson(text.textValue());
      }
    }
    throw malformed(path, "is an object but not {\"$binary\":..}, {\"$json\":..} or {\"$jsonText\":..}");
  }

  private static Row readRow(JsonNode node, String path) {
    requireObject(node, path);
    if (node.isEmpty()) {
      return Row.EMPTY;
    }
    LinkedHashMap<String, Value> columns = new LinkedHashMap<>(node.size() * 2);
    for (Map.Entry<String, JsonNode> column : node.properties()) {
      String name = column.getKey();
      if (name.isEmpty()) {
        throw malformed(path, "has a column with an empty name");
      }
      columns.put(name, readValue(column.getValue(), path + '.' + name));
    }
    return Row.of(columns);
  }

  private static Row readRowOrEmpty(JsonNode node, String path) {
    return node == null || node.isNull() ? Row.EMPTY : readRow(node, path);
  }

  private static TransactionRef readTransaction(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, "$.transaction");
    Long position = optionalLong(node, "position", "$.transaction");
    JsonNode last = node.get("last");
    if (last != null && !last.isBoolean()) {
      throw malformed("$.transaction.last", "must be a boolean, got " + Json.describe(last));
    }
    return new TransactionRef(
        requiredText(node, "id", "$.transaction"),
        position == null ? -1 : position,
        last != null && last.booleanValue());
  }

  private static SourcePosition readPosition(JsonNode node) {
    if (node == null || node.isNull()) {
      return SourcePosition.UNKNOWN;
    }
    requireObject(node, "$.position");
    String path = "$.position";
    Long offset = optionalLong(node, "offset", path);
    Long row = optionalLong(node, "row", path);
    if (row != null && (row < 0 || row > Integer.MAX_VALUE)) {
      throw malformed(path + ".row", "is out of range: " + row);
    }
    return new SourcePosition(
        optionalLong(node, "serverId", path),
        optionalText(node, "file", path),
        offset == null ? -1 : offset,
        row == null ? -1 : row.intValue(),
        optionalText(node, "gtid", path));
  }

  private static List<FieldChange> readChanges(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw malformed("$.changes", "must be an array, got " + Json.describe(node));
    }
    List<FieldChange> changes = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String path = "$.changes[" + i + ']';
      JsonNode change = node.get(i);
      requireObject(change, path);
      changes.add(new FieldChange(
          requiredText(change, "column", path),
          readValue(change.get("before"), path + ".before"),
          readValue(change.get("after"), path + ".after")));
    }
    return changes;
  }

  private static Actor readActor(JsonNode node) {
    if (node == null || node.isNull()) {
      return Actor.UNKNOWN;
    }
    String path = "$.actor";
    requireObject(node, path);
    String source = requiredText(node, "source", path);
    Actor.Source kind;
    try {
      kind = Actor.Source.valueOf(source.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw malformed(path + ".source", "'" + source + "' is not an actor source");
    }
    Map<String, String> attributes = new TreeMap<>();
    JsonNode attributesNode = node.get("attributes");
    if (attributesNode != null && !attributesNode.isNull()) {
      requireObject(attributesNode, path + ".attributes");
      for (Map.Entry<String, JsonNode> attribute : attributesNode.properties()) {
        if (!attribute.getValue().isTextual()) {
          throw malformed(path + ".attributes." + attribute.getKey(), "must be a string, got " + Json.describe(attribute.getValue()));
        }
        attributes.put(attribute.getKey(), attribute.getValue().textValue());
      }
    }
    return new Actor(optionalText(node, "name", path), kind, attributes);
  }

  private static Retention readRetention(JsonNode node) {
    if (node == null || node.isNull()) {
      return Retention.forever();
    }
    String path = "$.retention";
    requireObject(node, path);
    String expiresAt = optionalText(node, "expiresAt", path);
    JsonNode legalHold = node.get("legalHold");
    if (legalHold != null && !legalHold.isBoolean()) {
      throw malformed(path + ".legalHold", "must be a boolean, got " + Json.describe(legalHold));
    }
    return new Retention(
        expiresAt == null ? null : instant(expiresAt, path + ".expiresAt"),
        legalHold != null && legalHold.booleanValue());
  }

  private static Operation operation(String wireName) {
    try {
      return Operation.fromWireName(wireName);
    } catch (IllegalArgumentException e) {
      throw malformed("$.op", "'" + wireName + "' is not an operation");
    }
  }

  private static Instant instant(String text, String path) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw malformed(path, "'" + text + "' is not an ISO-8601 instant");
    }
  }

  private static String requiredText(JsonNode parent, String name) {
    return requiredText(parent, name, "$");
  }

  private static String requiredText(JsonNode parent, String name, String parentPath) {
    String value = optionalText(parent, name, parentPath);
    if (value == null) {
      throw malformed(parentPath + '.' + name, "is missing");
    }
    return value;
  }

  private static String optionalText(JsonNode parent, String name, String parentPath) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw malformed(parentPath + '.' + name, "must be a string, got " + Json.describe(node));
    }
    return node.textValue();
  }

  private static Long optionalLong(JsonNode parent, String name, String parentPath) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw malformed(parentPath + '.' + name, "must be an integer, got " + Json.describe(node));
    }
    return node.longValue();
  }

  private static void requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw malformed(path, "must be an object, got " + Json.describe(node));
    }
  }

  private static MalformedAuditJsonException malformed(String path, String problem) {
    return new MalformedAuditJsonException(WHAT + ": " + path + ' ' + problem);
  }
}
