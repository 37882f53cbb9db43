package io.cdcaudit.pipeline;

import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of an {@link AuditPipeline}, from {@code NEW} to {@code STOPPED} or {@code FAILED}: puts
 * the parts together and runs the poll thread, which alone calls the source. It polls (retrying a
 * failing source), counts what it received against the bounds in flight, hands it to the
 * {@link PartitionLanes} whose workers run the {@link BatchProcessor}, acknowledges what they
 * completed, and on stop finishes the batches in flight and closes what the pipeline owns.
 */
final class PipelineRun {

  private static final Duration LAG_REFRESH = Duration.ofSeconds(1);

  private final PipelineSettings settings;
  private final ChangeSource source;
  private final DeadLetterSink deadLetters;
  private final PipelineLog log;
  private final PipelineListener listener;
  private final StopSignal stop = new StopSignal();
  private final PipelineErrors errors;
  private final PipelineState state;
  private final PipelineCounters counters = new PipelineCounters();
  private final RetryLoop retries;
  private final InFlightMessages inFlight;
  private final PartitionLanes lanes;
  private final Thread pollThread;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicBoolean started = new AtomicBoolean();

  private volatile long lag = -1;
  private boolean idleRulesReported;

  PipelineRun(PipelineSettings settings, ChangeSource source, DeadLetterSink deadLetters) {
    this.settings = settings;
    this.source = source;
    this.deadLetters = deadLetters;
    this.log = new PipelineLog(settings.name());
    this.listener = new GuardedListener(settings.listener(), log);
    this.errors = new PipelineErrors(settings.clock(), stop);
    this.state = new PipelineState(settings.clock(), errors, listener, log);
    this.retries = new RetryLoop(settings.backoff(), errors, state, stop, counters, listener, log);
    this.inFlight = new InFlightMessages(source, settings.maxInFlightBytes(), settings.maxInFlightMessages(), errors,
        listener, log);
    BatchProcessor batches = new BatchProcessor(settings.decoder(), settings.records(), settings.store(), deadLetters,
        retries, settings.clock(), new TablesWithoutKey(counters, listener, log), counters, listener, log);
    this.lanes = new PartitionLanes(settings.name(), settings.parallelism(), settings.batchSize(),
        (messages, receivedAtNanos) -> {
          batches.process(messages, receivedAtNanos);
          inFlight.completed(messages);
        },
        errors);
    this.pollThread = new Thread(this::pollLoop, settings.name() + "-poll");
    this.pollThread.setDaemon(true);
  }

  void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("pipeline '" + settings.name() + "' was started or stopped already;"
          + " build a new one from the builder (with source and dead-letter sink as suppliers) to start again");
    }
    log.starting(() -> "source=" + source + ", decoder=" + settings.decoder() + ", store=" + settings.store()
        + ", deadLetters=" + deadLetters + ", records=" + settings.records() + ", batchSize=" + settings.batchSize()
        + ", parallelism=" + settings.parallelism() + ", maxInFlightMessages=" + settings.maxInFlightMessages()
        + ", maxInFlightBytes=" + settings.maxInFlightBytes() + ", " + settings.backoff());
    state.enter(State.RUNNING);
    pollThread.start();
  }

  void stop() {
    stop.request();
    if (started.compareAndSet(false, true)) {
      // Never started: no poll thread will close the source and the sink, so close them here.
      closeOwned();
      lanes.discardWorkers();
      state.enter(State.STOPPED);
      terminated.countDown();
      return;
    }
    awaitTermination(settings.shutdownTimeout().plus(settings.pollTimeout()).plusSeconds(5));
  }

  boolean awaitTermination(Duration timeout) {
    try {
      return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  PipelineHealth health() {
    return new PipelineHealth(
        state.current(),
        errors.lastError(),
        errors.lastErrorAt(),
        state.backingOffSince(),
        lag,
        counters.received.sum(),
        counters.stored.sum(),
        counters.skipped.sum(),
        counters.deadLettered.sum(),
        counters.retries.sum(),
        counters.withoutKey.sum(),
        inFlight.messages(),
        inFlight.bytes(),
        inFlight.peakBytes());
  }

  State state() {
    return state.current();
  }

  // ---- the poll thread ------------------------------------------------------------------------

  private void pollLoop() {
    int sourceFailures = 0;
    long nextLagRefresh = 0;
    try {
      while (!stop.isRequested() && !errors.failed()) {
        inFlight.acknowledgeCompleted();
        inFlight.pauseOrResumeSource(state.retryingLanes() > 0);
        List<SourceMessage> batch;
        try {
          batch = source.poll(settings.pollTimeout());
          if (sourceFailures > 0) {
            retries.logRecovery(RetriedOperation.SOURCE.label(), sourceFailures);
            sourceFailures = 0;
            state.sourceRetrying(false);
            errors.resolved("source poll");
            state.publish();
          }
        } catch (RuntimeException e) {
          sourceFailures++;
          if (!waitToPollAgain(e, sourceFailures)) {
            break;
          }
          continue;
        }
        if (System.nanoTime() - nextLagRefresh > 0) {
          lag = source.lag().orElse(-1);
          nextLagRefresh = System.nanoTime() + LAG_REFRESH.toNanos();
        }
        if (!batch.isEmpty()) {
          dispatch(batch);
        }
        reportIdleRulesOnce();
      }
    } catch (RuntimeException | Error e) {
      errors.note("poll loop", e);
      errors.fail(e);
    } finally {
      shutDown();
    }
  }

  /**
   * After the {@code failures}-th poll in a row failed: backs off, or fails the pipeline when the
   * source cannot be used or retries ran out.
   *
   * @return true when the poll is to be tried again
   */
  private boolean waitToPollAgain(RuntimeException e, int failures) {
    errors.note("source poll", e);
    Backoff backoff = settings.backoff();
    if ((e instanceof SourceException se && se.isUnusable()) || !backoff.allowsAnotherAfter(failures)) {
      errors.fail(e);
      return false;
    }
    Duration delay = backoff.delayBefore(failures);
    counters.retries.increment();
    retries.logRetry(RetriedOperation.SOURCE.label(), failures, e, delay);
    state.sourceRetrying(true);
    state.publish();
    listener.onRetry(RetriedOperation.SOURCE, failures, e, delay);
    stop.sleepUnlessStopping(delay);
    return true;
  }

  private void dispatch(List<SourceMessage> batch) {
    counters.received.add(batch.size());
    listener.onReceived(batch.size());
    long now = System.nanoTime();
    inFlight.received(batch);
    lanes.dispatch(batch, now);
  }

  private void reportIdleRulesOnce() {
    // Counted once processed, not received: a rule is idle only if the policies saw the messages.
    if (idleRulesReported || counters.processed.sum() < settings.reportIdleRulesAfter()) {
      return;
    }
    idleRulesReported = true;
    long seen = counters.processed.sum();
    for (String rule : settings.records().idleRules()) {
      log.warning("the rule " + rule + " has applied to nothing in " + seen
          + " messages: is a name misspelt, or does an earlier rule shadow it?");
      listener.onIdleRule(rule, seen);
    }
  }

  private void shutDown() {
    if (!errors.failed()) {
      state.enter(State.STOPPING);
      long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
      while (lanes.hasPending() && System.nanoTime() - deadline < 0) {
        inFlight.acknowledgeCompleted();
        sleepQuietly(Duration.ofMillis(5));
      }
    }
    lanes.stopWorkers();
    inFlight.acknowledgeCompleted();
    closeOwned();
    state.enter(errors.failed() ? State.FAILED : State.STOPPED);
    terminated.countDown();
  }

  private void closeOwned() {
    try {
      source.close();
    } catch (RuntimeException e) {
      errors.note("source close", e);
      log.warning("closing the source failed", e);
    }
    if (deadLetters instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        errors.note("dead-letter sink close", e);
        log.warning("closing the dead-letter sink failed", e);
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
