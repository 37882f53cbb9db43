package io.cdcaudit.store;

/** A store could not do what was asked; for appends the pipeline retries with backoff. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
