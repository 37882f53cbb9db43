package io.cdcaudit.source;

/**
 * A source could not be read or acknowledged.
 *
 * <p>Most source errors are transient (the broker is unreachable, a request timed out): the
 * pipeline backs off and tries again, and its health says {@code BACKING_OFF} with the error
 * meanwhile. An error that says the source cannot be used at all as it is set up is
 * {@link #isUnusable() unusable}: failed authentication, a missing privilege, a queue that does not
 * exist. No retry mends it, so the pipeline stops as {@code FAILED} with the error, having
 * acknowledged nothing it did not store.
 */
public class SourceException extends RuntimeException {

  /** Whether no retry mends the error; see {@link #isUnusable()}. */
  private final boolean unusable;

  /**
   * A transient error: trying again may succeed.
   *
   * @param message what failed, naming the source
   * @param cause the client's error
   */
  public SourceException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * A transient error: trying again may succeed.
   *
   * @param message what failed, naming the source
   */
  public SourceException(String message) {
    this(message, null, false);
  }

  private SourceException(String message, Throwable cause, boolean unusable) {
    super(message, cause);
    this.unusable = unusable;
  }

  /**
   * An error that no retry mends: the source cannot be used as it is set up (credentials,
   * privileges, a missing queue).
   *
   * @param message what is wrong, naming the setting to fix where it can
   * @param cause the client's error
   * @return the exception
   */
  public static SourceException unusable(String message, Throwable cause) {
    return new SourceException(message, cause, true);
  }

  /**
   * Whether the source cannot be used as it is set up, so that retrying is pointless.
   *
   * @return true for credentials, privileges, a missing queue; false for transient errors
   */
  public boolean isUnusable() {
    return unusable;
  }
}
