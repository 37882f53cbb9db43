package io.cdcaudit.json;

/**
 * JSON that should hold an audit record, a row or a value (as {@link AuditRecordJson} writes them)
 * does not. The message names the path of the offending field, such as {@code $.committedAt}.
 */
public class MalformedAuditJsonException extends IllegalArgumentException {

  /**
   * An exception with a message that says what is wrong and where.
   *
   * @param message what is wrong, and where (a field path)
   */
  public MalformedAuditJsonException(String message) {
    super(message);
  }

  /**
   * An exception with a message that says what is wrong and where, and its cause.
   *
   * @param message what is wrong, and where (a field path)
   * @param cause the parser's exception
   */
  public MalformedAuditJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
