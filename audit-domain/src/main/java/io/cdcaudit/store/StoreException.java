package io.cdcaudit.store;

/**
 * A store could not do what was asked.
 *
 * <p>Most store errors are transient (the server is unreachable, a write timed out): the pipeline
 * retries the batch with backoff, and the source keeps the messages meanwhile. An error that no
 * retry can mend is {@link #isPermanent() permanent}: for an append, the pipeline then stores the
 * batch's records one by one and sends a record that still fails permanently to the dead-letter
 * sink, so one bad record never stops the trail. (A record the store knows it can never take is
 * better reported as an {@link AppendResult.Rejection}; any exception other than a
 * {@code StoreException} thrown by {@link AuditStore#append} is treated as permanent.)
 */
public class StoreException extends RuntimeException {

  private final boolean permanent;

  /** A transient error: retrying may succeed. */
  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** A transient error: retrying may succeed. */
  public StoreException(String message) {
    this(message, null, false);
  }

  /**
   * An error that is {@code permanent} (retrying the same request can never succeed) or not.
   */
  public StoreException(String message, Throwable cause, boolean permanent) {
    super(message, cause);
    this.permanent = permanent;
  }

  /** A permanent error: retrying the same request can never succeed. */
  public static StoreException permanent(String message, Throwable cause) {
    return new StoreException(message, cause, true);
  }

  /** Whether retrying the same request can never succeed. */
  public boolean isPermanent() {
    return permanent;
  }
}
