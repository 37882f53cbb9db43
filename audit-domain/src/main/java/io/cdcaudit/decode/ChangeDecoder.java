package io.cdcaudit.decode;

import io.cdcaudit.source.SourceMessage;

/**
 * Turns one raw message of a change-data-capture producer into a {@link io.cdcaudit.event.ChangeEvent}.
 * Implementations (Maxwell, Debezium, auto-detection) live in {@code audit-codec}. A decoder may
 * be called from several threads at once.
 */
@FunctionalInterface
public interface ChangeDecoder {

  /**
   * Decodes {@code message}.
   *
   * @param message one raw message of the source, with its coordinates
   * @return the change, or why the message carries none
   * @throws DecodeException when the message is malformed: never a {@code NullPointerException},
   *     never a silent drop
   */
  Decoded decode(SourceMessage message) throws DecodeException;
}
