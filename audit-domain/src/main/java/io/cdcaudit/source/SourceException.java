package io.cdcaudit.source;

/** A source could not be read or acknowledged; the pipeline treats it as transient. */
public class SourceException extends RuntimeException {

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }

  public SourceException(String message) {
    super(message);
  }
}
