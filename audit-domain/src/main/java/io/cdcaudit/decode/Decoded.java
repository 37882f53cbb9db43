package io.cdcaudit.decode;

import io.cdcaudit.event.ChangeEvent;
import java.util.Objects;

/** The result of decoding one message: a change, or a message that carries none. */
public sealed interface Decoded permits Decoded.Change, Decoded.Skipped {

  /**
   * A message that carried a change.
   *
   * @param event the change
   * @return {@link Change}
   */
  static Decoded change(ChangeEvent event) {
    return new Change(event);
  }

  /**
   * A well-formed message that carries no change; the pipeline acknowledges it without a record.
   *
   * @param reason why it carries none
   * @param detail a short text for logs, such as the marker's type
   * @return {@link Skipped}
   */
  static Decoded skipped(SkipReason reason, String detail) {
    return new Skipped(reason, detail);
  }

  /**
   * A message that carried one change.
   *
   * @param event the change
   */
  record Change(ChangeEvent event) implements Decoded {
    /**
     * Rejects a {@code null} event.
     *
     * @param event the change
     */
    public Change {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * A well-formed message that carries no change, such as a Debezium tombstone.
   *
   * @param reason why it carries none
   * @param detail a short text for logs
   */
  record Skipped(SkipReason reason, String detail) implements Decoded {
    /**
     * Rejects a {@code null} reason or detail.
     *
     * @param reason why it carries none
     * @param detail a short text for logs
     */
    public Skipped {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a well-formed message carries no change. */
  enum SkipReason {
    /** A Kafka tombstone (null value) that follows a Debezium delete for log compaction. */
    TOMBSTONE,
    /** A producer's control message, such as Maxwell's bootstrap-start and bootstrap-complete. */
    MARKER;

    /**
     * The lower-case name used in logs and JSON, such as {@code tombstone}.
     *
     * @return the wire name
     */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
