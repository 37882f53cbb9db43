package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.event.Row;
import io.cdcaudit.json.StrictJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the primary key out of the Kafka message key Maxwell writes. Internal: not part of the
 * public API.
 *
 * <p>Two formats exist ({@code kafka_key_format}): {@code hash}, the default,
 * {@code {"database":"shop","table":"orders","pk.id":1}} with one {@code pk.}-prefixed field per
 * key column in key order; and {@code array}, {@code ["shop","orders",[{"id":1}]]}. A table
 * without a primary key gets a random {@code _uuid} instead, which is not a key.
 *
 * <p>Lenient on purpose: the key is only a fallback source for the primary key (the event's own
 * fields come first), and sources other than Kafka deliver other keys (a Kinesis partition key,
 * for example). A key that is not one of Maxwell's formats gives no columns rather than an error.
 */
public final class MaxwellKeys {

  private static final String PK_PREFIX = "pk.";

  private MaxwellKeys() {}

  /** The key columns and their values, in key order; {@link Row#EMPTY} when there are none. */
  public static Row primaryKey(byte[] key) {
    if (key == null || key.length == 0) {
      return Row.EMPTY;
    }
    JsonNode tree = StrictJson.parseOrNull(new String(key, java.nio.charset.StandardCharsets.UTF_8));
    if (tree == null || StrictJson.problem(tree, "$key") != null) {
      return Row.EMPTY;
    }
    if (tree.isObject()) {
      return fromHash(tree);
    }
    if (tree.isArray()) {
      return fromArray(tree);
    }
    return Row.EMPTY;
  }

  private static Row fromHash(JsonNode key) {
    LinkedHashMap<String, io.cdcaudit.event.Value> columns = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : key.properties()) {
      String name = field.getKey();
      if (name.startsWith(PK_PREFIX) && name.length() > PK_PREFIX.length()) {
        columns.put(name.substring(PK_PREFIX.length()), JsonValues.value(field.getValue()));
      }
    }
    return Row.of(columns);
  }

  private static Row fromArray(JsonNode key) {
    if (key.size() != 3 || !key.get(2).isArray()) {
      return Row.EMPTY;
    }
    LinkedHashMap<String, io.cdcaudit.event.Value> columns = new LinkedHashMap<>();
    for (JsonNode single : key.get(2)) {
      if (!single.isObject()) {
        return Row.EMPTY;
      }
      for (Map.Entry<String, JsonNode> field : single.properties()) {
        if (!field.getKey().isEmpty() && !field.getKey().equals("_uuid")) {
          columns.put(field.getKey(), JsonValues.value(field.getValue()));
        }
      }
    }
    return Row.of(columns);
  }
}
