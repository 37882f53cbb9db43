package io.cdcaudit.testservers;

/**
 * A test server could not be started (or restarted): it exited, did not become ready in time, or something it
 * needs is missing. The message names the server, what was waited for, the log file, and its last lines.
 */
public class ServerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ServerStartException(String message) {
    super(message);
  }

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
