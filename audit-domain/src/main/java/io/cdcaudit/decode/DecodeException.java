package io.cdcaudit.decode;

/**
 * A message could not be decoded. The message says what is wrong and where (a field path such as
 * {@code $.source.pos}), so that a dead letter explains itself.
 */
public class DecodeException extends Exception {

  /**
   * A malformed message.
   *
   * @param message what is wrong, and where in the message
   */
  public DecodeException(String message) {
    super(message);
  }

  /**
   * A malformed message, with the parser's error.
   *
   * @param message what is wrong, and where in the message
   * @param cause the parser's exception
   */
  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
