package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.StrictJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads values the way a Kafka Connect JSON schema ({@code schemas.enable=true}) says they are
 * meant, where plain JSON loses the meaning. Internal: not part of the public API.
 *
 * <ul>
 *   <li>type {@code bytes}: base64 text that is binary data, so {@link Value.Bytes};
 *   <li>{@code org.apache.kafka.connect.data.Decimal}: base64 of the unscaled two's-complement
 *       integer, with {@code parameters.scale}, so an exact {@link Value.Decimal};
 *   <li>{@code io.debezium.data.VariableScaleDecimal}: a struct of {@code scale} and base64
 *       {@code value}, so an exact {@link Value.Decimal};
 *   <li>{@code io.debezium.data.Json}: a string holding a JSON document, so {@link Value.Json}.
 * </ul>
 * Anything else maps like schema-less JSON ({@link JsonValues}).
 */
public final class ConnectSchemas {

  static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
  static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
  static final String JSON = "io.debezium.data.Json";

  private ConnectSchemas() {}

  /** The schema of the struct field {@code name} of a struct schema, or {@code null}. */
  public static JsonNode field(JsonNode structSchema, String name) {
    if (structSchema == null) {
      return null;
    }
    JsonNode fields = structSchema.get("fields");
    if (fields == null || !fields.isArray()) {
      return null;
    }
    for (JsonNode field : fields) {
      JsonNode fieldName = field.get("field");
      if (fieldName != null && name.equals(fieldName.asText())) {
        return field;
      }
    }
    return null;
  }

  /** The field schemas of a struct schema by field name; empty when there is no schema. */
  public static Map<String, JsonNode> fields(JsonNode structSchema) {
    if (structSchema == null) {
      return Map.of();
    }
    JsonNode fields = structSchema.get("fields");
    if (fields == null || !fields.isArray()) {
      return Map.of();
    }
    Map<String, JsonNode> byName = new LinkedHashMap<>(fields.size() * 2);
    for (JsonNode field : fields) {
      JsonNode fieldName = field.get("field");
      if (fieldName != null && fieldName.isTextual()) {
        byName.put(fieldName.textValue(), field);
      }
    }
    return byName;
  }

  /** A row image, each column read with its field schema where there is one. */
  public static Row row(JsonNode object, Map<String, JsonNode> schemas, String path, JsonFields fields)
      throws DecodeException {
    if (schemas.isEmpty()) {
      return JsonValues.row(object, path, fields);
    }
    if (object.isEmpty()) {
      return Row.EMPTY;
    }
    LinkedHashMap<String, Value> columns = new LinkedHashMap<>(object.size() * 2);
    for (Map.Entry<String, JsonNode> column : object.properties()) {
      String name = JsonValues.columnName(column.getKey(), path, fields);
      columns.put(name, value(column.getValue(), schemas.get(name), JsonFields.path(path, name), fields));
    }
    return Row.of(columns);
  }

  /** One value, read with its field schema (which may be {@code null}). */
  public static Value value(JsonNode node, JsonNode schema, String path, JsonFields fields) throws DecodeException {
    if (node == null || node.isNull() || schema == null) {
      return JsonValues.value(node);
    }
    String name = text(schema.get("name"));
    if (DECIMAL.equals(name)) {
      int scale = decimalScale(schema, path, fields);
      return new Value.Decimal(new BigDecimal(unscaled(node, path, fields), scale));
    }
    if (VARIABLE_SCALE_DECIMAL.equals(name)) {
      return variableScaleDecimal(node, path, fields);
    }
    if (JSON.equals(name)) {
      return json(node, path, fields);
    }
    if ("bytes".equals(text(schema.get("type")))) {
      return Value.ofBytes(base64(node, path, fields));
    }
    return JsonValues.value(node);
  }

  private static Value variableScaleDecimal(JsonNode node, String path, JsonFields fields) throws DecodeException {
    if (!node.isObject()) {
      throw fields.wrongType(path, "a struct of scale and value", node);
    }
    long scale = fields.requiredLong(node, path, "scale");
    if (Math.abs(scale) > Value.MAX_DIGITS) {
      throw fields.error(JsonFields.path(path, "scale"), "is out of range: " + scale + " (a decimal's scale is at most "
          + Value.MAX_DIGITS + " either way)");
    }
    JsonNode unscaled = JsonFields.present(node, "value");
    if (unscaled == null) {
      throw fields.missing(path, "value");
    }
    return new Value.Decimal(new BigDecimal(unscaled(unscaled, JsonFields.path(path, "value"), fields), (int) scale));
  }

  private static Value json(JsonNode node, String path, JsonFields fields) throws DecodeException {
    if (!node.isTextual()) {
      // Already a document (a converter that inlines JSON): keep it as JSON.
      return JsonValues.value(node);
    }
    JsonNode document = StrictJson.parseOrNull(node.textValue());
    if (document == null) {
      throw fields.error(path, "is not a JSON document although its schema is " + JSON);
    }
    String problem = StrictJson.problem(document, path + "(json)");
    if (problem != null) {
      throw fields.error(problem);
    }
    return Value.ofJson(StrictJson.compact(document));
  }

  private static int decimalScale(JsonNode schema, String path, JsonFields fields) throws DecodeException {
    JsonNode parameters = schema.get("parameters");
    JsonNode scale = parameters == null ? null : parameters.get("scale");
    if (scale == null) {
      throw fields.error(path, "has the schema " + DECIMAL + " but no parameters.scale");
    }
    int value;
    try {
      value = Integer.parseInt(scale.asText());
    } catch (NumberFormatException e) {
      throw fields.error(path, "has a decimal scale that is not an integer: " + StrictJson.describe(scale));
    }
    if (Math.abs((long) value) > Value.MAX_DIGITS) {
      throw fields.error(path, "has a decimal scale out of range: " + value + " (at most " + Value.MAX_DIGITS
          + " either way)");
    }
    return value;
  }

  private static BigInteger unscaled(JsonNode node, String path, JsonFields fields) throws DecodeException {
    byte[] bytes = base64(node, path, fields);
    if (bytes.length == 0) {
      throw fields.error(path, "is an empty decimal; its unscaled value needs at least one byte");
    }
    BigInteger unscaled = new BigInteger(bytes);
    if (unscaled.bitLength() > Value.MAX_DIGITS * 3.32) {
      throw fields.error(path, "is out of range: a decimal of " + bytes.length + " bytes has more than "
          + Value.MAX_DIGITS + " digits");
    }
    return unscaled;
  }

  private static byte[] base64(JsonNode node, String path, JsonFields fields) throws DecodeException {
    if (!node.isTextual()) {
      throw fields.wrongType(path, "base64 text", node);
    }
    try {
      return Base64.getDecoder().decode(node.textValue());
    } catch (IllegalArgumentException e) {
      throw fields.error(path, "is not base64: " + e.getMessage());
    }
  }

  private static String text(JsonNode node) {
    return node == null || !node.isTextual() ? null : node.textValue();
  }
}
