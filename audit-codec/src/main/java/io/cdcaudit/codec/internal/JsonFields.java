package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.json.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of a producer's JSON event, failing with a {@link DecodeException}
 * that names the producer and the field's path ({@code maxwell: $.ts must be an integer, got the
 * string "x"}). Internal: not part of the public API.
 *
 * <p>A field that is absent and a field that is JSON {@code null} are treated alike: producers
 * print optional fields either way.
 */
public final class JsonFields {

  private final String producer;

  /** Fields of events of {@code producer}, the prefix of every error message. */
  public JsonFields(String producer) {
    this.producer = producer;
  }

  /** The producer that prefixes every error message, such as {@code maxwell}. */
  public String producer() {
    return producer;
  }

  /** An error about the field at {@code path}: {@code "<producer>: <path> <problem>"}. */
  public DecodeException error(String path, String problem) {
    return new DecodeException(producer + ": " + path + ' ' + problem);
  }

  /** An error about the message as a whole: {@code "<producer>: <message>"}. */
  public DecodeException error(String message) {
    return new DecodeException(producer + ": " + message);
  }

  /** An error about the message as a whole, with the exception that revealed it. */
  public DecodeException error(String message, Throwable cause) {
    return new DecodeException(producer + ": " + message, cause);
  }

  /**
   * Checks a whole parsed message once: no lone surrogate in any string or field name (values,
   * column names, table names alike), no number beyond {@link io.cdcaudit.event.Value#MAX_DIGITS}.
   *
   * @throws DecodeException naming the path of the first problem
   */
  public void requireWellFormed(JsonNode root, String rootPath) throws DecodeException {
    String problem = StrictJson.problem(root, rootPath);
    if (problem != null) {
      throw error(problem);
    }
  }

  /** The path of {@code name} inside {@code parentPath}. */
  public static String path(String parentPath, String name) {
    return parentPath + '.' + name;
  }

  /** The field, or {@code null} when it is absent or JSON null. */
  public static JsonNode present(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : node;
  }

  /** A string field that must be present. */
  public String requiredText(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node == null) {
      throw missing(parentPath, name);
    }
    return text(node, parentPath, name);
  }

  /** A required text that must not be empty. */
  public String requiredName(JsonNode parent, String parentPath, String name) throws DecodeException {
    String value = requiredText(parent, parentPath, name);
    if (value.isEmpty()) {
      throw error(path(parentPath, name), "is empty");
    }
    return value;
  }

  /** A string field, or {@code null} when absent. */
  public String optionalText(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    return node == null ? null : text(node, parentPath, name);
  }

  /** An integer field that must be present and fit in a {@code long}. */
  public long requiredLong(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node == null) {
      throw missing(parentPath, name);
    }
    return integer(node, parentPath, name);
  }

  /** An optional integer that, where present, must not be negative. */
  public Long optionalCount(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node == null) {
      return null;
    }
    long value = integer(node, parentPath, name);
    if (value < 0) {
      throw error(path(parentPath, name), "must not be negative, got " + value);
    }
    return value;
  }

  /**
   * An optional count where 0 means unknown, as producers print it for a connection or server they
   * do not know (MariaDB's thread id, a snapshot's server id): {@code null} when absent or 0.
   */
  public Long optionalKnownCount(JsonNode parent, String parentPath, String name) throws DecodeException {
    Long value = optionalCount(parent, parentPath, name);
    return value == null || value == 0 ? null : value;
  }

  /** An integer of any size (such as a 64-bit unsigned transaction id), as its decimal text. */
  public String optionalIntegerText(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(path(parentPath, name), "an integer", node);
    }
    return node.asText();
  }

  /** A boolean field, or {@code null} when absent. */
  public Boolean optionalBoolean(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw wrongType(path(parentPath, name), "a boolean", node);
    }
    return node.booleanValue();
  }

  /** An object field that must be present. */
  public JsonNode requiredObject(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = optionalObject(parent, parentPath, name);
    if (node == null) {
      throw missing(parentPath, name);
    }
    return node;
  }

  /** An object field, or {@code null} when absent. */
  public JsonNode optionalObject(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node != null && !node.isObject()) {
      throw wrongType(path(parentPath, name), "an object", node);
    }
    return node;
  }

  /** An array field, or {@code null} when absent. */
  public JsonNode optionalArray(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode node = present(parent, name);
    if (node != null && !node.isArray()) {
      throw wrongType(path(parentPath, name), "an array", node);
    }
    return node;
  }

  /** An optional array of non-empty strings, such as a list of column names; empty when absent. */
  public List<String> optionalNames(JsonNode parent, String parentPath, String name) throws DecodeException {
    JsonNode array = optionalArray(parent, parentPath, name);
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(array.size());
    String arrayPath = path(parentPath, name);
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String itemPath = arrayPath + '[' + i + ']';
      if (item == null || !item.isTextual()) {
        throw wrongType(itemPath, "a string", item);
      }
      if (item.textValue().isEmpty()) {
        throw error(itemPath, "is empty");
      }
      names.add(item.textValue());
    }
    return List.copyOf(names);
  }

  /** The error for a required field that is absent. */
  public DecodeException missing(String parentPath, String name) {
    return error(path(parentPath, name), "is missing");
  }

  /** The error for a field of the wrong JSON type. */
  public DecodeException wrongType(String path, String expected, JsonNode got) {
    return error(path, "must be " + expected + ", got " + StrictJson.describe(got));
  }

  // Paths are built only on failure: these run for every field of every event.
  private String text(JsonNode node, String parentPath, String name) throws DecodeException {
    if (!node.isTextual()) {
      throw wrongType(path(parentPath, name), "a string", node);
    }
    return node.textValue();
  }

  private long integer(JsonNode node, String parentPath, String name) throws DecodeException {
    if (!node.isIntegralNumber()) {
      throw wrongType(path(parentPath, name), "an integer", node);
    }
    if (!node.canConvertToLong()) {
      throw error(path(parentPath, name), "is out of range: " + node.asText());
    }
    return node.longValue();
  }
}
