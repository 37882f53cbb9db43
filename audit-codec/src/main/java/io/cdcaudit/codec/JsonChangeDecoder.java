package io.cdcaudit.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.Json;
import io.cdcaudit.codec.internal.JsonFields;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.json.StrictJson;
import io.cdcaudit.source.SourceMessage;
import java.util.Objects;

/**
 * What the Maxwell and Debezium decoders do alike; each adds only its format. A message is parsed
 * once into a JSON tree (by {@link AutoDecoder} too, which hands the tree on), checked once as a
 * whole ({@link JsonFields#requireWellFormed}), and decoded by the format; every failure becomes a
 * {@link DecodeException} that names the producer and, where there is one, the JSON path.
 */
abstract class JsonChangeDecoder implements ChangeDecoder {

  /** The path of a message's root, where every field path starts. */
  static final String ROOT = "$";

  private final JsonFields fields;

  JsonChangeDecoder(JsonFields fields) {
    this.fields = fields;
  }

  /** Parses the message's value once and decodes the tree; the decoders' {@code decode}. */
  final Decoded decodeMessage(SourceMessage message) throws DecodeException {
    Objects.requireNonNull(message, "message");
    byte[] value = message.value();
    if (value == null) {
      return withoutValue(message);
    }
    return decodeTree(Json.readTree(value, fields.producer(), "the message"), message);
  }

  /** Decodes an already parsed message; {@link AutoDecoder} uses it to parse only once. */
  final Decoded decodeTree(JsonNode root, SourceMessage message) throws DecodeException {
    if (!root.isObject()) {
      return notAnObject(root, message);
    }
    fields.requireWellFormed(root, ROOT);
    try {
      return decodeObject(root, message);
    } catch (IllegalArgumentException e) {
      // Every field had the right type, but together they make no valid event.
      throw fields.error("the event is inconsistent: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A bug, not bad input; still a dead letter with its reason rather than a lost batch.
      throw fields.error("unexpected " + e + " while decoding", e);
    }
  }

  /**
   * A message without a value: a tombstone where the producer writes them, else an error.
   *
   * @throws DecodeException when the producer never writes one
   */
  abstract Decoded withoutValue(SourceMessage message) throws DecodeException;

  /**
   * A value that is JSON but not an object: an error, unless the format gives it a meaning.
   *
   * @throws DecodeException saying what the value is
   */
  Decoded notAnObject(JsonNode root, SourceMessage message) throws DecodeException {
    throw fields.error("the message must be a JSON object, got " + StrictJson.describe(root));
  }

  /**
   * Decodes a JSON object already checked as a whole.
   *
   * @throws DecodeException naming the path of what is missing or wrong
   */
  abstract Decoded decodeObject(JsonNode root, SourceMessage message) throws DecodeException;

  /** A change event builder holding what every event of this decoder carries: the producer and the message's coordinates. */
  final ChangeEvent.Builder event(SourceMessage message) {
    return ChangeEvent.builder().producer(fields.producer()).origin(message.coordinates());
  }

  /** A message that carries no change, described as {@code "<producer> <what>"}. */
  final Decoded skipped(Decoded.SkipReason reason, String what) {
    return Decoded.skipped(reason, fields.producer() + ' ' + what);
  }
}
