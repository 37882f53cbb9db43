package io.cdcaudit.codec;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Builds messages and decodes them, for the codec's tests. */
final class Messages {

  private Messages() {}

  private static final AtomicLong OFFSETS = new AtomicLong();

  /**
   * A message at the next offset of partition 0 of {@code topic}: different messages sit at
   * different coordinates, as in a real source. Decode the same instance again for a redelivery.
   */
  static SourceMessage message(String topic, String key, String value) {
    return at(topic, OFFSETS.incrementAndGet(), key, value);
  }

  /** A message at the given offset of partition 0 of {@code topic}. */
  static SourceMessage at(String topic, long offset, String key, String value) {
    return SourceMessage.builder(new MessageCoordinates(SourcePartition.ordered(topic, "0"), Long.toString(offset)))
        .key(key == null ? null : key.getBytes(StandardCharsets.UTF_8))
        .value(value == null ? null : value.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  static SourceMessage value(String value) {
    return message("test", null, value);
  }

  static ChangeEvent change(ChangeDecoder decoder, SourceMessage message) throws DecodeException {
    Decoded decoded = decoder.decode(message);
    if (!(decoded instanceof Decoded.Change change)) {
      throw new AssertionError("expected a change, got " + decoded);
    }
    return change.event();
  }

  static ChangeEvent change(ChangeDecoder decoder, String value) throws DecodeException {
    return change(decoder, value(value));
  }

  /** Decodes fixture lines 1..line of a capture with one decoder and returns the last as a change. */
  static ChangeEvent fixture(ChangeDecoder decoder, String producer, int line) throws DecodeException {
    Decoded last = null;
    for (int i = 1; i <= line; i++) {
      last = decoder.decode(Fixtures.line(producer, i).message());
    }
    if (!(last instanceof Decoded.Change change)) {
      throw new AssertionError(producer + " line " + line + ": expected a change, got " + last);
    }
    return change.event();
  }
}
