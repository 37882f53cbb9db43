package io.cdcaudit.mongo.internal;

/** A stored document that is not an audit record of a layout this library reads. */
public final class UnreadableDocumentException extends RuntimeException {

  public UnreadableDocumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
