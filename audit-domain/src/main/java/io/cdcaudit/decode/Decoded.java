package io.cdcaudit.decode;

import io.cdcaudit.event.ChangeEvent;
import java.util.Objects;

/** The result of decoding one message: a change, or a message that carries none. */
public sealed interface Decoded permits Decoded.Change, Decoded.Skipped {

  static Decoded change(ChangeEvent event) {
    return new Change(event);
  }

  static Decoded skipped(SkipReason reason, String detail) {
    return new Skipped(reason, detail);
  }

  /** A message that carried one change. */
  record Change(ChangeEvent event) implements Decoded {
    public Change {
      Objects.requireNonNull(event, "event");
    }
  }

  /** A well-formed message that carries no change, such as a Debezium tombstone. */
  record Skipped(SkipReason reason, String detail) implements Decoded {
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

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
