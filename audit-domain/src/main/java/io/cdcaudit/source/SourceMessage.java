package io.cdcaudit.source;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One raw message as a {@link ChangeSource} delivered it: the bytes a producer wrote (a Maxwell or
 * Debezium JSON value, with its key where the source has one) and where it came from.
 *
 * <p>The {@code receipt} is the source's own handle for acknowledging the message (an SQS receipt
 * handle, for instance); it is opaque to everyone else and left out of {@link #toString()}.
 */
public final class SourceMessage {

  private final MessageCoordinates coordinates;
  private final byte[] key;
  private final byte[] value;
  private final Map<String, String> headers;
  private final Instant timestamp;
  private final Object receipt;

  private SourceMessage(Builder b) {
    this.coordinates = Objects.requireNonNull(b.coordinates, "coordinates");
    this.key = b.key;
    this.value = b.value;
    this.headers = b.headers.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(b.headers));
    this.timestamp = b.timestamp;
    this.receipt = b.receipt;
  }

  public static Builder builder(MessageCoordinates coordinates) {
    return new Builder(coordinates);
  }

  public MessageCoordinates coordinates() {
    return coordinates;
  }

  public SourcePartition partition() {
    return coordinates.partition();
  }

  /** The message key, or {@code null}. Not copied: callers must not modify it. */
  public byte[] key() {
    return key;
  }

  /** The message value, or {@code null} for a tombstone. Not copied: callers must not modify it. */
  public byte[] value() {
    return value;
  }

  /** Source attributes such as Kafka headers or SQS message attributes. */
  public Map<String, String> headers() {
    return headers;
  }

  /** When the source received or stored the message, where it says; {@code null} otherwise. */
  public Instant timestamp() {
    return timestamp;
  }

  /** The source's own acknowledgement handle; meaningful only to the source that made it. */
  public Object receipt() {
    return receipt;
  }

  /** Bytes held by this message (key and value), used to bound the memory in flight. */
  public long sizeInBytes() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64L;
  }

  @Override
  public String toString() {
    return "SourceMessage[" + coordinates + ", " + (value == null ? "tombstone" : value.length + " bytes") + "]";
  }

  /** Builds a {@link SourceMessage}. */
  public static final class Builder {
    private final MessageCoordinates coordinates;
    private byte[] key;
    private byte[] value;
    private final Map<String, String> headers = new TreeMap<>();
    private Instant timestamp;
    private Object receipt;

    private Builder(MessageCoordinates coordinates) {
      this.coordinates = coordinates;
    }

    public Builder key(byte[] key) {
      this.key = key;
      return this;
    }

    public Builder value(byte[] value) {
      this.value = value;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value"));
      return this;
    }

    public Builder headers(Map<String, String> all) {
      all.forEach(this::header);
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder receipt(Object receipt) {
      this.receipt = receipt;
      return this;
    }

    public SourceMessage build() {
      return new SourceMessage(this);
    }
  }
}
