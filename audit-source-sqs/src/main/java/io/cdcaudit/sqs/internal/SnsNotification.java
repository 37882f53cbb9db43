package io.cdcaudit.sqs.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * An SNS notification as SNS delivers it to an SQS queue without raw message delivery: a JSON
 * envelope whose {@code Message} field holds the text that was published.
 *
 * <p>Recognised strictly: a JSON object with {@code "Type": "Notification"} and a string
 * {@code Message}. Anything else, including a raw-delivered message, is not a notification and
 * passes through untouched. A cheap text test comes first, so that ordinary Maxwell or Debezium
 * JSON is not parsed twice.
 *
 * @param message the published text
 * @param messageId the SNS message id, or {@code null}
 * @param topicArn the topic, or {@code null}
 * @param attributes the SNS message attributes by name
 */
public record SnsNotification(String message, String messageId, String topicArn, Map<String, Attribute> attributes) {

  /** An SNS message attribute: its {@code Type} ({@code String}, {@code Number}, {@code Binary}, ...) and {@code Value}. */
  public record Attribute(String type, String value) {

    /** The attribute's bytes: a {@code Binary} value is base64 in the envelope; anything else is text. */
    public byte[] bytes() {
      if ("Binary".equals(type)) {
        try {
          return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
          // fall through: keep the text as it came
        }
      }
      return value.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static final JsonNodeParser PARSER = JsonNodeParser.create();

  public SnsNotification {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The published text as UTF-8 bytes. */
  public byte[] messageBytes() {
    return message.getBytes(StandardCharsets.UTF_8);
  }

  /** The notification in {@code body}, or empty when {@code body} is not an SNS notification. */
  public static Optional<SnsNotification> from(String body) {
    if (!mayBeNotification(body)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = PARSER.parse(body);
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
    if (!root.isObject()) {
      return Optional.empty();
    }
    Optional<JsonNode> type = root.field("Type");
    Optional<JsonNode> message = root.field("Message");
    if (type.isEmpty() || !type.get().isString() || !"Notification".equals(type.get().asString())
        || message.isEmpty() || !message.get().isString()) {
      return Optional.empty();
    }
    return Optional.of(new SnsNotification(message.get().asString(), text(root, "MessageId"), text(root, "TopicArn"),
        attributes(root)));
  }

  /** A cheap test that rules out most bodies without parsing them. */
  static boolean mayBeNotification(String body) {
    if (body == null) {
      return false;
    }
    int i = 0;
    while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
      i++;
    }
    return i < body.length() && body.charAt(i) == '{'
        && body.contains("\"Notification\"") && body.contains("\"Message\"");
  }

  private static String text(JsonNode root, String field) {
    return root.field(field).filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
  }

  private static Map<String, Attribute> attributes(JsonNode root) {
    Optional<JsonNode> all = root.field("MessageAttributes");
    if (all.isEmpty() || !all.get().isObject()) {
      return Map.of();
    }
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : all.get().asObject().entrySet()) {
      JsonNode attribute = entry.getValue();
      if (!attribute.isObject()) {
        continue;
      }
      String type = text(attribute, "Type");
      Optional<JsonNode> value = attribute.field("Value");
      if (value.isEmpty() || value.get().isNull()) {
        continue;
      }
      // String.Array values arrive as a JSON text; numbers as text too. Keep what SNS wrote.
      String text = value.get().isString() ? value.get().asString() : value.get().text();
      if (text != null) {
        attributes.put(entry.getKey(), new Attribute(type == null ? "String" : type, text));
      }
    }
    return attributes;
  }
}
