package io.cdcaudit.decode;

/**
 * A message could not be decoded. The message says what is wrong and where (a field path such as
 * {@code $.source.pos}), so that a dead letter explains itself.
 */
public class DecodeException extends Exception {

  public DecodeException(String message) {
    super(message);
  }

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
