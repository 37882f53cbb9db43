package io.cdcaudit.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.internal.InMemoryJson;
import io.cdcaudit.json.internal.JsonFieldReads;
import io.cdcaudit.json.internal.RecordJsonInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON encoding of a {@link Value} and of a {@link Row}, as the record's JSON form
 * ({@link AuditRecordJson}) holds them, for stores that build documents of their own. Reading
 * what was written gives an equal value of the same kind.
 *
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
 * <p>Reading refuses what no event could hold: a lone surrogate in any string or field name, a
 * number beyond {@link Value#MAX_DIGITS}, an object that is not one of the tagged forms.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class ValueJson {

  private ValueJson() {}

  /**
   * Writes one value.
   *
   * @param out the generator to write to
   * @param value the value
   * @throws IOException when {@code out} fails
   */
  public static void write(JsonGenerator out, Value value) throws IOException {
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
   * Reads one value written by {@link #write}.
   *
   * @param node a value as {@link #write} writes it
   * @return the value, of the kind it was written with
   * @throws MalformedAuditJsonException when the node is not such a value
   */
  public static Value read(JsonNode node) {
    RecordJsonInput.requireWellFormed(Objects.requireNonNull(node, "node"));
    return read(node, "$");
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
      write(out, column.getValue());
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
    RecordJsonInput.requireWellFormed(Objects.requireNonNull(node, "node"));
    return readRow(node, "$");
  }

  /**
   * A value as JSON text.
   *
   * @param value the value
   * @return its JSON text, as {@link #write} writes it
   */
  public static String toJson(Value value) {
    return InMemoryJson.text(32, out -> write(out, value));
  }

  /**
   * Reads a value from JSON text written by {@link #toJson}.
   *
   * @param json JSON text as {@link #toJson} writes it
   * @return the value
   * @throws MalformedAuditJsonException when the text is not such a value
   */
  public static Value fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return read(RecordJsonInput.readTree(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A row as JSON text.
   *
   * @param row the row
   * @return its JSON text, columns in order
   */
  public static String rowToJson(Row row) {
    return InMemoryJson.text(256, out -> writeRow(out, row));
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
    return readRow(RecordJsonInput.readTree(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Reads a value at {@code path} of a tree already checked as a whole. */
  static Value read(JsonNode node, String path) {
    if (node == null || node.isMissingNode()) {
      throw JsonFieldReads.malformed(path, "is missing");
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
        return readTagged(node, path);
      default:
        throw JsonFieldReads.malformed(path, "must be a value (null, boolean, number, string, $binary or $json), got "
            + StrictJson.describe(node));
    }
  }

  /** Reads a row at {@code path} of a tree already checked as a whole. */
  static Row readRow(JsonNode node, String path) {
    JsonFieldReads.requireObject(node, path);
    if (node.isEmpty()) {
      return Row.EMPTY;
    }
    LinkedHashMap<String, Value> columns = new LinkedHashMap<>(node.size() * 2);
    for (Map.Entry<String, JsonNode> column : node.properties()) {
      String name = column.getKey();
      if (name.isEmpty()) {
        throw JsonFieldReads.malformed(path, "has a column with an empty name");
      }
      columns.put(name, read(column.getValue(), path + '.' + name));
    }
    return Row.of(columns);
  }

  private static Value readTagged(JsonNode node, String path) {
    if (node.size() == 1) {
      JsonNode binary = node.get("$binary");
      if (binary != null) {
        if (!binary.isTextual()) {
          throw JsonFieldReads.malformed(path + ".$binary", "must be base64 text, got " + StrictJson.describe(binary));
        }
        try {
          return Value.ofBytes(Base64.getDecoder().decode(binary.textValue()));
        } catch (IllegalArgumentException e) {
          throw JsonFieldReads.malformed(path + ".$binary", "is not base64: " + e.getMessage());
        }
      }
      JsonNode document = node.get("$json");
      if (document != null) {
        return Value.ofJson(StrictJson.compact(document));
      }
      JsonNode text = node.get("$jsonText");
      if (text != null) {
        if (!text.isTextual()) {
          throw JsonFieldReads.malformed(path + ".$jsonText", "must be a string, got " + StrictJson.describe(text));
        }
        return Value.ofJson(text.textValue());
      }
    }
    throw JsonFieldReads.malformed(path, "is an object but not {\"$binary\":..}, {\"$json\":..} or {\"$jsonText\":..}");
  }

  /**
   * {@link BigDecimal#toString()} reads back to an equal BigDecimal, except that a scale of 0
   * prints as a bare integer, which would read back as {@link Value.Int}: give it an exponent.
   */
  private static String decimalText(BigDecimal value) {
    return value.scale() == 0 ? value.unscaledValue() + "E0" : value.toString();
  }

  private static void writeJson(JsonGenerator out, String json) throws IOException {
    JsonNode document = StrictJson.parseOrNull(json);
    out.writeStartObject();
    if (document != null && StrictJson.compact(document).equals(json)) {
      out.writeFieldName("$json");
      out.writeRawValue(json);
    } else {
      out.writeStringField("$jsonText", json);
    }
    out.writeEndObject();
  }
}
