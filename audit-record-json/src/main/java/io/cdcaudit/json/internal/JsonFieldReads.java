package io.cdcaudit.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.json.MalformedAuditJsonException;
import io.cdcaudit.json.StrictJson;

/**
 * Typed access to the fields of the record's JSON form, failing with a
 * {@link MalformedAuditJsonException} that names the field's path ({@code audit record JSON:
 * $.position.file must be a string, got the number 1}). Internal: not part of the public API.
 *
 * <p>A field that is absent and a field that is JSON {@code null} are treated alike, except for
 * flags: {@link #optionalFlag} refuses a {@code null}, which {@code AuditRecordJson} never writes.
 */
public final class JsonFieldReads {

  private JsonFieldReads() {}

  /** The error about the field at {@code path}: {@code "audit record JSON: <path> <problem>"}. */
  public static MalformedAuditJsonException malformed(String path, String problem) {
    return new MalformedAuditJsonException(RecordJsonInput.WHAT + ": " + path + ' ' + problem);
  }

  /** Refuses anything but an object at {@code path}. */
  public static void requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw malformed(path, "must be an object, got " + StrictJson.describe(node));
    }
  }

  /** A string field that must be present. */
  public static String requiredText(JsonNode parent, String name, String parentPath) {
    String value = optionalText(parent, name, parentPath);
    if (value == null) {
      throw malformed(parentPath + '.' + name, "is missing");
    }
    return value;
  }

  /** A string field, or {@code null} when absent. */
  public static String optionalText(JsonNode parent, String name, String parentPath) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw malformed(parentPath + '.' + name, "must be a string, got " + StrictJson.describe(node));
    }
    return node.textValue();
  }

  /** An integer field that fits in a {@code long}, or {@code null} when absent. */
  public static Long optionalLong(JsonNode parent, String name, String parentPath) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw malformed(parentPath + '.' + name, "must be an integer, got " + StrictJson.describe(node));
    }
    return node.longValue();
  }

  /** A boolean field, or {@code false} when absent; JSON {@code null} is refused. */
  public static boolean optionalFlag(JsonNode parent, String name, String parentPath) {
    JsonNode node = parent.get(name);
    if (node != null && !node.isBoolean()) {
      throw malformed(parentPath + '.' + name, "must be a boolean, got " + StrictJson.describe(node));
    }
    return node != null && node.booleanValue();
  }
}
