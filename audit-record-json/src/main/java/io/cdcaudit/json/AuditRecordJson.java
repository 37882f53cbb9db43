package io.cdcaudit.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.internal.InMemoryJson;
import io.cdcaudit.json.internal.RecordJsonInput;
import io.cdcaudit.record.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The JSON form of an {@link AuditRecord}, written and read back exactly: reading what
 * {@link #toBytes(AuditRecord)} wrote gives an equal record. Stores keep records in this form (or
 * build their own documents with {@link ValueJson}), so that no store re-invents it.
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
 * its source) is null or absent for an event that was not read from a source; {@code primaryKey},
 * {@code before} and {@code after} are null when empty. {@code op} is the operation's wire name,
 * {@code actor.source} the lower-case evidence kind.
 *
 * <h2>Values</h2>
 * Values and rows are encoded as {@link ValueJson} describes (Bytes as {@code {"$binary":..}},
 * Json as {@code {"$json":..}}, a decimal keeping its scale); the value and row methods here are
 * the same as {@link ValueJson}'s.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class AuditRecordJson {

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
    return InMemoryJson.bytes(1024, out -> AuditRecordWriter.write(out, record));
  }

  /**
   * The record as JSON text.
   *
   * @param record the record
   * @return its JSON form
   */
  public static String toText(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    return InMemoryJson.text(1024, out -> AuditRecordWriter.write(out, record));
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
    return AuditRecordReader.read(RecordJsonInput.readTree(json));
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
    return AuditRecordReader.read(RecordJsonInput.readTree(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a record as one JSON object to {@code out}, for stores that stream several.
   *
   * @param out the generator to write to, positioned where a value may start
   * @param record the record
   * @throws IOException when {@code out} fails
   */
  public static void write(JsonGenerator out, AuditRecord record) throws IOException {
    AuditRecordWriter.write(out, record);
  }

  /**
   * Reads a record from a parsed JSON object.
   *
   * @param json an object as {@link #write} writes it
   * @return the record
   * @throws MalformedAuditJsonException when the object is not a record as {@link #write} writes it
   */
  public static AuditRecord read(JsonNode json) {
    return AuditRecordReader.read(json);
  }

  // ---------------------------------------------------------------- values and rows

  /**
   * Writes one value, as {@link ValueJson#write} does.
   *
   * @param out the generator to write to
   * @param value the value
   * @throws IOException when {@code out} fails
   */
  public static void writeValue(JsonGenerator out, Value value) throws IOException {
    ValueJson.write(out, value);
  }

  /**
   * Reads one value written by {@link #writeValue}, as {@link ValueJson#read} does.
   *
   * @param node a value as {@link #writeValue} writes it
   * @return the value, of the type it was written with
   * @throws MalformedAuditJsonException when the node is not such a value
   */
  public static Value readValue(JsonNode node) {
    return ValueJson.read(node);
  }

  /**
   * Writes a row as an object of its columns, in order, as {@link ValueJson#writeRow} does.
   *
   * @param out the generator to write to
   * @param row the row
   * @throws IOException when {@code out} fails
   */
  public static void writeRow(JsonGenerator out, Row row) throws IOException {
    ValueJson.writeRow(out, row);
  }

  /**
   * Reads a row written by {@link #writeRow}, columns in the written order, as
   * {@link ValueJson#readRow} does.
   *
   * @param node an object as {@link #writeRow} writes it
   * @return the row
   * @throws MalformedAuditJsonException when the node is not such a row
   */
  public static Row readRow(JsonNode node) {
    return ValueJson.readRow(node);
  }

  /**
   * A value as JSON text, as {@link ValueJson#toJson} gives it.
   *
   * @param value the value
   * @return its JSON text, in the encoding of {@link #writeValue}
   */
  public static String valueToJson(Value value) {
    return ValueJson.toJson(value);
  }

  /**
   * Reads a value from JSON text written by {@link #valueToJson}, as {@link ValueJson#fromJson} does.
   *
   * @param json JSON text as {@link #valueToJson} writes it
   * @return the value
   * @throws MalformedAuditJsonException when the text is not such a value
   */
  public static Value valueFromJson(String json) {
    return ValueJson.fromJson(json);
  }

  /**
   * A row as JSON text, as {@link ValueJson#rowToJson} gives it.
   *
   * @param row the row
   * @return its JSON text, columns in order
   */
  public static String rowToJson(Row row) {
    return ValueJson.rowToJson(row);
  }

  /**
   * Reads a row from JSON text written by {@link #rowToJson}, as {@link ValueJson#rowFromJson} does.
   *
   * @param json JSON text as {@link #rowToJson} writes it
   * @return the row
   * @throws MalformedAuditJsonException when the text is not such a row
   */
  public static Row rowFromJson(String json) {
    return ValueJson.rowFromJson(json);
  }
}
