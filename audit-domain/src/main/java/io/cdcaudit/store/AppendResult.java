package io.cdcaudit.store;

import io.cdcaudit.event.EventId;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link AuditStore#append(List)}: every record was stored, except the rejected
 * ones, which the store can never take.
 *
 * @param rejected the records the store refused for good, with the reason; the pipeline
 *     dead-letters them
 */
public record AppendResult(List<Rejection> rejected) {

  private static final AppendResult ALL_STORED = new AppendResult(List.of());

  /**
   * Copies the rejections.
   *
   * @param rejected the records the store refused for good, with the reason; the pipeline
   *     dead-letters them
   */
  public AppendResult {
    rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected"));
  }

  /**
   * Every record was stored.
   *
   * @return the result without rejections
   */
  public static AppendResult allStored() {
    return ALL_STORED;
  }

  /**
   * Every record was stored except {@code rejected}.
   *
   * @param rejected the refused records
   * @return the result; {@link #allStored()} when the list is empty
   */
  public static AppendResult rejecting(List<Rejection> rejected) {
    return rejected.isEmpty() ? ALL_STORED : new AppendResult(rejected);
  }

  /**
   * A record the store can never take, and why.
   *
   * @param id the refused record's id
   * @param reason why, for the dead letter (such as "document exceeds 16 MiB")
   */
  public record Rejection(EventId id, String reason) {
    /**
     * Rejects a {@code null} id or reason.
     *
     * @param id the refused record's id
     * @param reason why, for the dead letter (such as "document exceeds 16 MiB")
     */
    public Rejection {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
