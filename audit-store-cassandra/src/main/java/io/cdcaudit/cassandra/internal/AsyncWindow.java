package io.cdcaudit.cassandra.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs statements with {@code executeAsync}, never more at once than the store's permits allow (the permits are
 * shared by every append and purge of one store, so concurrent callers do not multiply the load), and waits for all
 * of them. The first failure stops further submissions; {@link #awaitAll()} rethrows it once everything in flight
 * has ended, so that no request of a failed batch is still running when the caller retries it.
 *
 * <p>One window per phase of one call; not shared between threads.
 */
public final class AsyncWindow {

  private final CqlSession session;
  private final Semaphore permits;
  private final Object lock = new Object();
  private int inFlight;
  private volatile Throwable failure;

  public AsyncWindow(CqlSession session, Semaphore permits) {
    this.session = session;
    this.permits = permits;
  }

  /**
   * Submits {@code statement}; blocks while the store's window is full. {@code onResult} runs on a driver thread
   * and must not block. Does nothing once a statement of this window failed.
   */
  public void submit(Statement<?> statement, Consumer<AsyncResultSet> onResult) {
    if (failure != null) {
      return;
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
      return;
    }
    synchronized (lock) {
      inFlight++;
    }
    try {
      session.executeAsync(statement).whenComplete((result, error) -> {
        try {
          if (error != null) {
            fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
          } else if (onResult != null) {
            onResult.accept(result);
          }
        } catch (RuntimeException e) {
          fail(e);
        } finally {
          done();
        }
      });
    } catch (RuntimeException e) {
      fail(e);
      done();
    }
  }

  /** Submits a statement whose result is not needed. */
  public void submit(Statement<?> statement) {
    submit(statement, null);
  }

  /** Waits until nothing of this window is in flight; throws the first failure, if any. */
  public void awaitAll() throws Throwable {
    boolean interrupted = false;
    synchronized (lock) {
      while (inFlight > 0) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          // requests always end (the driver times them out): wait for them, then report the interrupt
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      fail(new InterruptedException("interrupted while waiting for Cassandra"));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void fail(Throwable error) {
    synchronized (lock) {
      if (failure == null) {
        failure = error;
      }
    }
  }

  private void done() {
    permits.release();
    synchronized (lock) {
      inFlight--;
      if (inFlight == 0) {
        lock.notifyAll();
      }
    }
  }
}
