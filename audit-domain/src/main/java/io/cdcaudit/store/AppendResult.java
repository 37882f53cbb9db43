package io.cdcaudit.store;

import io.cdcaudit.event.EventId;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link AuditStore#append(List)}: every record was stored, except the rejected
 * ones, which the store can never take.
 */
public record AppendResult(List<Rejection> rejected) {

  private static final AppendResult ALL_STORED = new AppendResult(List.of());

  public AppendResult {
    rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected"));
  }

  /** Every record was stored. */
  public static AppendResult allStored() {
    return ALL_STORED;
  }

  public static AppendResult rejecting(List<Rejection> rejected) {
    return rejected.isEmpty() ? ALL_STORED : new AppendResult(rejected);
  }

  /** A record the store can never take, and why. */
  public record Rejection(EventId id, String reason) {
    public Rejection {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
