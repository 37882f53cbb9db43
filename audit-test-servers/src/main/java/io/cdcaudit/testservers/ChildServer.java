package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.PortConflictException;
import io.cdcaudit.testservers.internal.Registry;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The life cycle every server of this module shares: one child process at a time, a graceful
 * {@link #stop()}, a {@link #kill()} (SIGKILL), a {@link #restart()} on the same ports with the same
 * data, and {@link #close()}, after which it cannot start again.
 */
abstract class ChildServer implements AutoCloseable {

  private final Duration stopGrace;
  private ChildProcess process;
  private boolean closed;

  /** How often a server is tried on new free ports when another process took one between choosing and binding it. */
  static final int PORT_ATTEMPTS = 3;

  ChildServer(Duration stopGrace) {
    this.stopGrace = stopGrace;
  }

  /**
   * Makes a server on freshly chosen ports ({@code make}) and starts it ({@code start}: configuration, then
   * {@link #launch()}), up to {@value #PORT_ATTEMPTS} times while a port turns out to be taken; a server that
   * failed is closed (its process stopped, its data deleted).
   */
  static <S extends ChildServer> S startOnFreePorts(Supplier<S> make, Consumer<S> start) {
    PortConflictException last = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      S server = make.get();
      try {
        start.accept(server);
        return server;
      } catch (PortConflictException e) {
        last = e;
        server.close();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    throw last;
  }

  /**
   * Starts the child process and waits until it is ready. Implementations {@link #attach} the
   * process as soon as it exists (so that a kill during start-up reaches it) and {@link #detach}
   * it after killing it when it does not come up.
   */
  abstract void launch();

  /** What closing removes besides the process: registry entries, data. */
  abstract void release();

  final synchronized void attach(ChildProcess child) {
    this.process = child;
  }

  final synchronized void detach() {
    this.process = null;
  }

  /**
   * The end of a {@link #launch()}: attaches {@code child}, registers this server for the shutdown hook, and waits
   * until {@code ready} holds for a client made by {@code clients} (closed afterwards); kills and detaches the child
   * when it does not come up.
   */
  @SuppressWarnings("try") // C is an SDK client, whose close() throws nothing checked (let alone an InterruptedException)
  final <C extends AutoCloseable> void awaitReady(ChildProcess child, String what, Duration timeout,
                                                  Supplier<C> clients, Predicate<C> ready) {
    attach(child);
    Registry.register(this);
    try (C client = clients.get()) {
      child.awaitReady(what, timeout, () -> ready.test(client));
    } catch (Exception e) {
      child.kill();
      detach();
      throw e instanceof RuntimeException runtime ? runtime : new ServerStartException(this + ": " + e, e);
    }
  }

  /** The running child process, or {@code null}. */
  final synchronized ChildProcess process() {
    return process;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Graceful stop: SIGTERM, SIGKILL after the grace period. Data is kept for {@link #restart()}. */
  public synchronized void stop() {
    if (process != null) {
      process.stop(stopGrace);
      process = null;
    }
  }

  /** SIGKILL: no chance to flush or shut down cleanly. Data is kept for {@link #restart()}. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  /** Stops the server if it runs, then starts it again on the same ports with the same data. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    stop();
    launch();
  }

  /** Stops the server and releases what it holds; it cannot start again. */
  @Override
  public synchronized void close() {
    closed = true;
    stop();
    release();
  }
}
