package io.cdcaudit.json;

/**
 * Bytes that are not one JSON document ({@link StrictJson#readTree}): empty, not JSON, or
 * unreadable. Each caller says what the bytes were ({@link #describe(String)}), so that the error
 * names a message, a key or a stored record as the case may be.
 */
public final class UnreadableJsonException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What is wrong, as the end of a sentence whose subject the caller names. */
  private final String predicate;

  UnreadableJsonException(String predicate, Throwable cause) {
    super("the input" + predicate, cause);
    this.predicate = predicate;
  }

  /**
   * What is wrong with the bytes, named as the caller calls them.
   *
   * @param what what the bytes are, such as {@code the message}
   * @return for example {@code the message is not JSON: Unexpected character ('x' ...) at line 1,
   *     column 2}
   */
  public String describe(String what) {
    return what + predicate;
  }
}
