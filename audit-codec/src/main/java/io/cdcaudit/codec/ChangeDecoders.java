package io.cdcaudit.codec;

import io.cdcaudit.decode.ChangeDecoder;

/**
 * Entry point to the decoders of this module.
 *
 * <pre>{@code
 * ChangeDecoder decoder = ChangeDecoders.auto();
 * ChangeDecoder configured = ChangeDecoders.maxwellBuilder()
 *     .primaryKey("storefront.orders", "id")
 *     .build();
 * }</pre>
 *
 * <p>Every decoder is thread-safe; make one per pipeline and share it between worker threads.
 */
public final class ChangeDecoders {

  private ChangeDecoders() {}

  /**
   * A Maxwell decoder with default options.
   *
   * @return the decoder
   */
  public static MaxwellDecoder maxwell() {
    return MaxwellDecoder.create();
  }

  /**
   * A builder for a Maxwell decoder with options (primary keys per table, learning bound).
   *
   * @return a builder
   */
  public static MaxwellDecoder.Builder maxwellBuilder() {
    return MaxwellDecoder.builder();
  }

  /**
   * A Debezium decoder with default options.
   *
   * @return the decoder
   */
  public static DebeziumDecoder debezium() {
    return DebeziumDecoder.create();
  }

  /**
   * A builder for a Debezium decoder with options (primary keys per table, learning bound).
   *
   * @return a builder
   */
  public static DebeziumDecoder.Builder debeziumBuilder() {
    return DebeziumDecoder.builder();
  }

  /**
   * A decoder that tells Maxwell and Debezium messages apart per message, with default options.
   *
   * @return the decoder
   */
  public static AutoDecoder auto() {
    return new AutoDecoder(MaxwellDecoder.create(), DebeziumDecoder.create());
  }

  /**
   * A decoder that tells Maxwell and Debezium messages apart per message, using the given decoders.
   *
   * @param maxwell the decoder for Maxwell messages
   * @param debezium the decoder for Debezium messages
   * @return the decoder
   */
  public static AutoDecoder auto(MaxwellDecoder maxwell, DebeziumDecoder debezium) {
    return new AutoDecoder(maxwell, debezium);
  }

  /**
   * The decoder for a format name as used in configuration and on the command line.
   *
   * @param format {@code maxwell}, {@code debezium} or {@code auto}
   * @return the decoder, with default options
   * @throws IllegalArgumentException for any other name
   */
  public static ChangeDecoder forFormat(String format) {
    if (format == null) {
      throw new IllegalArgumentException("format: expected maxwell, debezium or auto, got null");
    }
    return switch (format) {
      case "maxwell" -> maxwell();
      case "debezium" -> debezium();
      case "auto" -> auto();
      default -> throw new IllegalArgumentException("format: expected maxwell, debezium or auto, got '" + format + "'");
    };
  }
}
