package io.cdcaudit.event;

import io.cdcaudit.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of one change, the same however often the change is delivered.
 *
 * <p>Decoders derive it from coordinates only: the change's binlog coordinates where the producer
 * gives coordinates that name it (server id, binlog file, offset and row, or the position in the
 * transaction), otherwise the coordinates of the message in its source (a Kafka topic, partition
 * and offset; an SQS message id). Never from row content or key values: those may be protected
 * columns, and an unkeyed hash over them would let anyone who reads the trail test guesses. A
 * re-delivered message therefore gets the same id, which is what lets a store keep exactly one
 * record per change although sources deliver at least once, and two changes never share one.
 *
 * <p>A derived id is 32 lower-case hexadecimal characters (128 bits of SHA-256). Ids read back
 * from a store may be any text of 1 to 128 characters from {@code [A-Za-z0-9._:-]}.
 */
public final class EventId implements Comparable<EventId> {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final String value;

  private EventId(String value) {
    this.value = value;
  }

  /**
   * An id as stored, for example read back from a store.
   *
   * @param value 1 to 128 characters of {@code [A-Za-z0-9._:-]}
   * @return the id
   * @throws IllegalArgumentException when the value has another form
   */
  public static EventId of(String value) {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "an event id is 1 to 128 characters of [A-Za-z0-9._:-], got '" + value + "'");
    }
    return new EventId(value);
  }

  /**
   * Derives an id from the parts that identify a change. The parts are length-prefixed before
   * hashing, so {@code ("ab","c")} and {@code ("a","bc")} give different ids; a {@code null} part
   * is distinct from an empty one.
   *
   * @param parts the coordinates that name the change, in a fixed order
   * @return 32 lower-case hexadecimal characters (128 bits of SHA-256 of the parts)
   */
  public static EventId derive(String... parts) {
    StringBuilder canonical = new StringBuilder(64);
    for (String part : parts) {
      if (part == null) {
        canonical.append("-1:");
      } else {
        canonical.append(part.length()).append(':').append(part);
      }
      canonical.append('|');
    }
    byte[] digest = Hashing.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return new EventId(Hashing.hex(digest, 16));
  }

  /**
   * The id's text, as stores keep it.
   *
   * @return the text
   */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
