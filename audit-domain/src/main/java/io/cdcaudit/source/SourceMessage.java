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

  /**
   * Starts a message; only sources make them (and tests, to feed a pipeline).
   *
   * @param coordinates where the message sits in its source
   * @return a builder with no key, value, headers, timestamp or receipt yet
   */
  public static Builder builder(MessageCoordinates coordinates) {
    return new Builder(coordinates);
  }

  /**
   * Where the message sits in its source, for logs, dead letters and acknowledgement.
   *
   * @return the partition and position
   */
  public MessageCoordinates coordinates() {
    return coordinates;
  }

  /**
   * The partition the message belongs to: the pipeline keeps the order of an ordered one.
   *
   * @return the partition of {@link #coordinates()}
   */
  public SourcePartition partition() {
    return coordinates.partition();
  }

  /**
   * The message key, or {@code null}. Not copied: callers must not modify it.
   *
   * @return the key bytes as the producer wrote them
   */
  public byte[] key() {
    return key;
  }

  /**
   * The message value, or {@code null} for a tombstone. Not copied: callers must not modify it.
   *
   * @return the value bytes as the producer wrote them
   */
  public byte[] value() {
    return value;
  }

  /**
   * Source attributes such as Kafka headers or SQS message attributes.
   *
   * @return the attributes by name, sorted and unmodifiable; empty when there are none
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * When the source received or stored the message, where it says; {@code null} otherwise.
   *
   * @return the source's timestamp, or {@code null}
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * The source's own acknowledgement handle; meaningful only to the source that made it.
   *
   * @return the handle, or {@code null} when the source needs none
   */
  public Object receipt() {
    return receipt;
  }

  /**
   * Bytes held by this message (key and value), used to bound the memory in flight.
   *
   * @return the key and value lengths plus a fixed 64 bytes for the rest
   */
  public long sizeInBytes() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64L;
  }

  /**
   * For logs: the coordinates and the value's size, never the bytes (they may hold personal data)
   * nor the receipt.
   *
   * @return a short description
   */
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

    /**
     * Sets the key; not copied.
     *
     * @param key the key bytes, or {@code null} when the message has none
     * @return this builder
     */
    public Builder key(byte[] key) {
      this.key = key;
      return this;
    }

    /**
     * Sets the value; not copied.
     *
     * @param value the value bytes, or {@code null} for a tombstone
     * @return this builder
     */
    public Builder value(byte[] value) {
      this.value = value;
      return this;
    }

    /**
     * Adds a source attribute, replacing one of the same name.
     *
     * @param name the attribute name
     * @param value its value
     * @return this builder
     * @throws NullPointerException when {@code name} or {@code value} is {@code null}
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value"));
      return this;
    }

    /**
     * Adds every attribute of {@code all}, as {@link #header(String, String)} does one.
     *
     * @param all the attributes by name
     * @return this builder
     * @throws NullPointerException when a name or value is {@code null}
     */
    public Builder headers(Map<String, String> all) {
      all.forEach(this::header);
      return this;
    }

    /**
     * Sets when the source received or stored the message.
     *
     * @param timestamp the source's timestamp, or {@code null} when it has none
     * @return this builder
     */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /**
     * Sets the source's own acknowledgement handle, which only that source reads back.
     *
     * @param receipt the handle, or {@code null} when the coordinates suffice
     * @return this builder
     */
    public Builder receipt(Object receipt) {
      this.receipt = receipt;
      return this;
    }

    /**
     * Makes the message; the headers are copied, the key and value are not.
     *
     * @return the message
     * @throws NullPointerException when the coordinates are {@code null}
     */
    public SourceMessage build() {
      return new SourceMessage(this);
    }
  }
}
