package io.cdcaudit.json;

import static io.cdcaudit.json.internal.JsonFieldReads.malformed;
import static io.cdcaudit.json.internal.JsonFieldReads.optionalFlag;
import static io.cdcaudit.json.internal.JsonFieldReads.optionalLong;
import static io.cdcaudit.json.internal.JsonFieldReads.optionalText;
import static io.cdcaudit.json.internal.JsonFieldReads.requireObject;
import static io.cdcaudit.json.internal.JsonFieldReads.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.json.internal.RecordJsonInput;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourcePartition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads an audit record from the object {@link AuditRecordJson} describes, naming the path of
 * whatever is missing or wrong; values as {@link ValueJson} does.
 */
final class AuditRecordReader {

  private static final String ROOT = "$";

  private AuditRecordReader() {}

  static AuditRecord read(JsonNode json) {
    Objects.requireNonNull(json, "json");
    RecordJsonInput.requireWellFormed(json);
    requireObject(json, ROOT);
    try {
      ChangeEvent event = ChangeEvent.builder()
          .id(EventId.of(requiredText(json, "id", ROOT)))
          .producer(requiredText(json, "producer", ROOT))
          .table(TableRef.of(requiredText(json, "database", ROOT), requiredText(json, "table", ROOT)))
          .operation(operation(requiredText(json, "op", ROOT)))
          .committedAt(instant(requiredText(json, "committedAt", ROOT), "$.committedAt"))
          .transaction(readTransaction(json.get("transaction")))
          .position(readPosition(json.get("position")))
          .primaryKey(PrimaryKey.of(readRowOrEmpty(json.get("primaryKey"), "$.primaryKey")))
          .before(readRowOrEmpty(json.get("before"), "$.before"))
          .after(readRowOrEmpty(json.get("after"), "$.after"))
          .statement(optionalText(json, "statement", ROOT))
          .connectionId(optionalLong(json, "connectionId", ROOT))
          .origin(readOrigin(json.get("origin")))
          .build();
      return new AuditRecord(
          event,
          readChanges(json.get("changes")),
          readActor(json.get("actor")),
          instant(requiredText(json, "recordedAt", ROOT), "$.recordedAt"),
          readRetention(json.get("retention")));
    } catch (MalformedAuditJsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The fields were readable but make no valid record (for example an update without a before image).
      throw new MalformedAuditJsonException(RecordJsonInput.WHAT + ": not a valid audit record: " + e.getMessage(), e);
    }
  }

  private static Row readRowOrEmpty(JsonNode node, String path) {
    return node == null || node.isNull() ? Row.EMPTY : ValueJson.readRow(node, path);
  }

  private static TransactionRef readTransaction(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String path = "$.transaction";
    requireObject(node, path);
    Long position = optionalLong(node, "position", path);
    boolean last = optionalFlag(node, "last", path);
    return new TransactionRef(requiredText(node, "id", path), position == null ? -1 : position, last);
  }

  private static SourcePosition readPosition(JsonNode node) {
    if (node == null || node.isNull()) {
      return SourcePosition.UNKNOWN;
    }
    String path = "$.position";
    requireObject(node, path);
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

  private static MessageCoordinates readOrigin(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String path = "$.origin";
    requireObject(node, path);
    JsonNode ordered = node.get("ordered");
    if (ordered == null || !ordered.isBoolean()) {
      throw malformed(path + ".ordered", "must be a boolean, got " + StrictJson.describe(ordered));
    }
    return new MessageCoordinates(
        new SourcePartition(requiredText(node, "stream", path), requiredText(node, "partition", path), ordered.booleanValue()),
        requiredText(node, "position", path));
  }

  private static List<FieldChange> readChanges(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw malformed("$.changes", "must be an array, got " + StrictJson.describe(node));
    }
    List<FieldChange> changes = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String path = "$.changes[" + i + ']';
      JsonNode change = node.get(i);
      requireObject(change, path);
      changes.add(new FieldChange(
          requiredText(change, "column", path),
          ValueJson.read(change.get("before"), path + ".before"),
          ValueJson.read(change.get("after"), path + ".after")));
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
          throw malformed(path + ".attributes." + attribute.getKey(), "must be a string, got "
              + StrictJson.describe(attribute.getValue()));
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
    boolean legalHold = optionalFlag(node, "legalHold", path);
    return new Retention(expiresAt == null ? null : instant(expiresAt, path + ".expiresAt"), legalHold);
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
}
