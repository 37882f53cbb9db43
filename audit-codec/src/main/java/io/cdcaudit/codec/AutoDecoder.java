package io.cdcaudit.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.codec.internal.Json;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.json.StrictJson;
import io.cdcaudit.source.SourceMessage;
import java.util.Objects;

/**
 * Decodes Maxwell and Debezium messages arriving on one stream, telling them apart per message.
 *
 * <p>Each message is parsed once; the tree goes to the decoder it fits. A Maxwell event has a
 * top-level {@code type} and {@code database}, or is only {@code encrypted} ({@code encrypt=all}); a Debezium value has {@code op}, {@code source},
 * the {@code schema}/{@code payload} wrapper, {@code ddl} with {@code databaseName}, or a
 * transaction {@code status}; a message without a value (or the JSON {@code null}) is a Debezium
 * tombstone. Anything else is a {@link DecodeException}.
 *
 * <p>Thread-safe, as the two decoders it delegates to.
 */
public final class AutoDecoder implements ChangeDecoder {

  private static final String NAME = "auto";

  private final MaxwellDecoder maxwell;
  private final DebeziumDecoder debezium;

  AutoDecoder(MaxwellDecoder maxwell, DebeziumDecoder debezium) {
    this.maxwell = Objects.requireNonNull(maxwell, "maxwell decoder");
    this.debezium = Objects.requireNonNull(debezium, "debezium decoder");
  }

  /**
   * Decodes one message with the decoder its content fits.
   *
   * @throws DecodeException when the message is not JSON, fits neither producer, or the decoder
   *     it fits finds it malformed
   */
  @Override
  public Decoded decode(SourceMessage message) throws DecodeException {
    Objects.requireNonNull(message, "message");
    byte[] value = message.value();
    if (value == null) {
      return debezium.decode(message);
    }
    JsonNode root = Json.readTree(value, NAME, "the message");
    if (MaxwellDecoder.looksLikeMaxwell(root)) {
      return maxwell.decodeTree(root, message);
    }
    if (DebeziumDecoder.looksLikeDebezium(root)) {
      return debezium.decodeTree(root, message);
    }
    if (!root.isObject()) {
      throw new DecodeException(NAME + ": the message must be a JSON object, got " + StrictJson.describe(root));
    }
    throw new DecodeException(NAME + ": the message is neither a Maxwell event (type and database) "
        + "nor a Debezium record (op, source, payload, ddl and databaseName, or status)");
  }

  /**
   * The Maxwell decoder this one delegates to.
   *
   * @return the Maxwell decoder, with its options
   */
  public MaxwellDecoder maxwell() {
    return maxwell;
  }

  /**
   * The Debezium decoder this one delegates to.
   *
   * @return the Debezium decoder, with its options
   */
  public DebeziumDecoder debezium() {
    return debezium;
  }
}
