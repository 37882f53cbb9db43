package io.cdcaudit.pipeline;

import io.cdcaudit.source.SourceException;
import io.cdcaudit.store.StoreException;
import java.time.Clock;
import java.time.Instant;

/**
 * What is wrong now, as health shows it: the error of the operation that is failing, cleared once
 * that operation works again; and the error that failed the pipeline, which nothing overwrites.
 */
final class PipelineErrors {

  private final Clock clock;
  private final StopSignal stop;

  private volatile Throwable fatal;
  private volatile String lastError;
  private volatile String lastErrorWhat;
  private volatile Instant lastErrorAt;

  PipelineErrors(Clock clock, StopSignal stop) {
    this.clock = clock;
    this.stop = stop;
  }

  // fail, note and resolved share one lock: the error that failed the pipeline must not be
  // overwritten by a worker that noted its own error a moment later.

  /** Fails the pipeline with {@code e} (the first such error wins) and asks it to stop. */
  synchronized void fail(Throwable e) {
    if (fatal == null) {
      fatal = e;
      if (e instanceof SourceException se && se.isUnusable()) {
        lastError = "the source cannot be used as it is set up: " + e;
      } else if (e instanceof StoreException se && se.isUnusable()) {
        lastError = "the store cannot be used as it is set up: " + e;
      }
    }
    stop.request();
  }

  /** {@code what} failed with {@code e}: that is what is wrong now, unless the pipeline failed already. */
  synchronized void note(String what, Throwable e) {
    if (fatal != null) {
      return; // the error that failed the pipeline stays the one health shows
    }
    lastError = what + " failed: " + e;
    lastErrorWhat = what;
    lastErrorAt = clock.instant();
  }

  /** {@code what} works again: its error is no longer what is wrong. */
  synchronized void resolved(String what) {
    if (what.equals(lastErrorWhat) && fatal == null) {
      lastError = null;
      lastErrorWhat = null;
      lastErrorAt = null;
    }
  }

  /** Whether the error shown now is one of {@code what}. */
  boolean isCurrent(String what) {
    String current = lastErrorWhat;
    return current != null && current.equals(what);
  }

  boolean failed() {
    return fatal != null;
  }

  /** The error that failed the pipeline, or {@code null}. */
  Throwable fatal() {
    return fatal;
  }

  /** The error health shows, or {@code null} when nothing is failing. */
  String lastError() {
    return lastError;
  }

  /** When {@link #lastError()} was seen, or {@code null}. */
  Instant lastErrorAt() {
    return lastErrorAt;
  }
}
