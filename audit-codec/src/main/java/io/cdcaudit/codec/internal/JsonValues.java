package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.StrictJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps JSON as a producer printed it to {@link Value}s, keeping its meaning: an integer stays an
 * integer (a {@link Value.BigInt} beyond {@code long}), a number with a fraction or exponent
 * stays an exact decimal with the printed scale, a string stays text, an object or array (a JSON
 * column) stays JSON. Internal: not part of the public API.
 */
public final class JsonValues {

  private JsonValues() {}

  /** The value of one JSON node. */
  public static Value value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Value.NULL;
    }
    return switch (node.getNodeType()) {
      case BOOLEAN -> Value.of(node.booleanValue());
      case NUMBER -> number(node);
      case STRING -> Value.of(node.textValue());
      case OBJECT, ARRAY -> Value.ofJson(StrictJson.compact(node));
      default -> Value.of(node.asText());
    };
  }

  /**
   * A row image from a JSON object, columns in the printed order.
   *
   * @throws DecodeException when a column name is empty
   */
  public static Row row(JsonNode object, String path, JsonFields fields) throws DecodeException {
    if (object.isEmpty()) {
      return Row.EMPTY;
    }
    LinkedHashMap<String, Value> columns = new LinkedHashMap<>(object.size() * 2);
    for (Map.Entry<String, JsonNode> column : object.properties()) {
      columns.put(columnName(column.getKey(), path, fields), value(column.getValue()));
    }
    return Row.of(columns);
  }

  /** Checks a column name; the domain does not accept an empty one. */
  public static String columnName(String name, String path, JsonFields fields) throws DecodeException {
    if (name.isEmpty()) {
      throw fields.error(path, "has a column with an empty name");
    }
    return name;
  }

  private static Value number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? Value.of(node.longValue()) : Value.of(node.bigIntegerValue());
    }
    // With USE_BIG_DECIMAL_FOR_FLOATS every fraction is a DecimalNode holding the printed digits.
    return Value.of(node.decimalValue());
  }
}
