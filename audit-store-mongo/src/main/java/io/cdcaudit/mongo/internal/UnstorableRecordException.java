package io.cdcaudit.mongo.internal;

/** A record that can never be a MongoDB document; the store rejects it (the pipeline dead-letters it). */
public final class UnstorableRecordException extends RuntimeException {

  public UnstorableRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
