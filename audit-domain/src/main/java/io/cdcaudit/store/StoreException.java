package io.cdcaudit.store;

/**
 * A store could not do what was asked. There are three kinds, and the pipeline treats each its
 * own way:
 *
 * <ul>
 *   <li><b>transient</b> (the default): retried with backoff;
 *   <li><b>{@link #isPermanent() permanent}</b>: this request can never succeed, because of what
 *       it holds; the pipeline stores the batch record by record and dead-letters a record that
 *       still fails;
 *   <li><b>{@link #isUnusable() unusable}</b>: the store cannot be used at all as it is set up
 *       (failed authentication, a missing privilege or schema, a closed client); no record can
 *       succeed, so the pipeline stops as {@code FAILED} with the error, acknowledging nothing it
 *       did not store, rather than dead-letter every record.
 * </ul>
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

  /** Whether retrying the same request can never succeed; see {@link #isPermanent()}. */
  private final boolean permanent;
  /** Whether the store cannot be used at all as it is set up; see {@link #isUnusable()}. */
  private final boolean unusable;

  /**
   * A transient error: retrying may succeed.
   *
   * @param message what failed, naming the store
   * @param cause the driver's error
   */
  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * A transient error: retrying may succeed.
   *
   * @param message what failed, naming the store
   */
  public StoreException(String message) {
    this(message, null, false);
  }

  /**
   * An error that is {@code permanent} (retrying the same request can never succeed) or not,
   * for a store that decides which from the driver's error.
   *
   * @param message what failed, naming the store
   * @param cause the driver's error
   * @param permanent true when the request itself can never succeed, false when a retry may
   */
  public StoreException(String message, Throwable cause, boolean permanent) {
    this(message, cause, permanent, false);
  }

  private StoreException(String message, Throwable cause, boolean permanent, boolean unusable) {
    super(message, cause);
    this.permanent = permanent;
    this.unusable = unusable;
  }

  /**
   * A permanent error: retrying the same request can never succeed, because of what it holds; the
   * pipeline then stores the batch record by record and dead-letters a record that still fails.
   *
   * @param message what is wrong with the request
   * @param cause the driver's error
   * @return the exception
   */
  public static StoreException permanent(String message, Throwable cause) {
    return new StoreException(message, cause, true);
  }

  /**
   * An error that says the store cannot be used as it is set up: failed authentication, a missing
   * privilege, collection or keyspace, a closed client. It is also permanent.
   *
   * @param message what is wrong, naming what to fix where it can
   * @param cause the driver's error
   * @return the exception
   */
  public static StoreException unusable(String message, Throwable cause) {
    return new StoreException(message, cause, true, true);
  }

  /**
   * Whether retrying the same request can never succeed.
   *
   * @return true for permanent and unusable errors
   */
  public boolean isPermanent() {
    return permanent;
  }

  /**
   * Whether the store cannot be used at all as it is set up, so that no record can be stored.
   *
   * @return true for credentials, privileges, a missing schema, a closed client
   */
  public boolean isUnusable() {
    return unusable;
  }
}
