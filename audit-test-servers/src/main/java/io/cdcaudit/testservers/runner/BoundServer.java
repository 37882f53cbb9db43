package io.cdcaudit.testservers.runner;

import java.util.function.IntSupplier;

/**
 * A server a runner started in a class loader of its own: its port and how to stop it. Seen from the test's class
 * loader only as the JDK types it implements ({@link AutoCloseable}, {@link IntSupplier}), the one contract two
 * class loaders share.
 */
public final class BoundServer implements AutoCloseable, IntSupplier {

  private final int port;
  private final Runnable stop;

  BoundServer(int port, Runnable stop) {
    this.port = port;
    this.stop = stop;
  }

  /** The port it listens on. */
  @Override
  public int getAsInt() {
    return port;
  }

  /** Stops it at once, dropping what it holds. */
  @Override
  public void close() {
    stop.run();
  }
}
