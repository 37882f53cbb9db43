package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

/** A server exited because a port it was given was taken in the meantime; the caller may retry with new ports. */
public final class PortConflictException extends ServerStartException {

  private static final long serialVersionUID = 1L;

  public PortConflictException(String message) {
    super(message);
  }
}
