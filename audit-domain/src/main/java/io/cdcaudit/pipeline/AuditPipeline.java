package io.cdcaudit.pipeline;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.EventId;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.DeadLetter;
import io.cdcaudit.source.DeadLetterSink;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The audit pipeline: poll a batch from the source, decode, filter tables, diff, apply the column
 * policy, attribute the actor, compute retention, append the batch to the store, and only then
 * acknowledge it to the source.
 *
 * <ul>
 *   <li><b>Nothing lost, nothing doubled.</b> A message is acknowledged only after the store said
 *       its record is durable (or the dead-letter sink took it). After a crash anywhere the source
 *       delivers the unacknowledged messages again and the store, idempotent by event id, keeps one
 *       record per change.
 *   <li><b>Backpressure.</b> Messages received and not yet acknowledged are bounded by
 *       {@link Builder#maxInFlightBytes(long)} and {@link Builder#maxInFlightMessages(int)} (plus
 *       at most one poll's worth): past them the source is paused. A failing store is retried with
 *       {@link Backoff exponential backoff and jitter} while polling pauses; the source is the buffer.
 *   <li><b>Bad input.</b> A message that cannot be decoded, or whose record the store can never
 *       take, goes to the {@link DeadLetterSink} with its raw bytes, coordinates and the reason, and
 *       is then acknowledged: one bad message never stops the trail.
 *   <li><b>Order and parallelism.</b> Messages of one ordered source partition are processed in
 *       order; partitions (and unordered messages) are processed in parallel on
 *       {@link Builder#parallelism(int)} threads.
 * </ul>
 *
 * <pre>{@code
 * AuditPipeline pipeline = AuditPipeline.builder()
 *     .source(kafkaSource)
 *     .decoder(ChangeDecoders.auto())
 *     .store(mongoStore)
 *     .deadLetters(deadLetterTopic)
 *     .records(AuditRecordFactory.builder()
 *         .tables(TableFilter.builder().include("shop.*").build())
 *         .actors(RowColumnActorResolver.of("updated_by"))
 *         .build())
 *     .build();
 * pipeline.start();
 * ...
 * pipeline.stop();
 * }</pre>
 */
public final class AuditPipeline implements AutoCloseable {

  private static final Duration LAG_REFRESH = Duration.ofSeconds(1);
  private static final int MAX_IDLE_LANES = 1024;
  private static final int MAX_ACKNOWLEDGE_ATTEMPTS = 3;

  private final ChangeSource source;
  private final ChangeDecoder decoder;
  private final AuditStore store;
  private final DeadLetterSink deadLetters;
  private final AuditRecordFactory records;
  private final PipelineListener listener;
  private final Clock clock;
  private final Backoff backoff;
  private final int batchSize;
  private final int parallelism;
  private final long maxInFlightBytes;
  private final int maxInFlightMessages;
  private final Duration pollTimeout;
  private final Duration shutdownTimeout;
  private final String name;

  private final ExecutorService workers;
  private final Thread pollThread;
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final ConcurrentLinkedQueue<List<SourceMessage>> completed = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingChunks = new AtomicInteger();
  private final AtomicLong inFlightBytes = new AtomicLong();
  private final AtomicLong inFlightMessages = new AtomicLong();
  private final AtomicLong peakInFlightBytes = new AtomicLong();
  private final AtomicInteger retryingLanes = new AtomicInteger();
  private final LongAdder received = new LongAdder();
  private final LongAdder stored = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicBoolean started = new AtomicBoolean();

  private volatile State lifecycle = State.NEW;
  private volatile boolean sourceRetrying;
  private volatile boolean stopRequested;
  private volatile Throwable fatal;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile long lag = -1;
  private State reportedState = State.NEW;
  private int unorderedRoundRobin;
  // Stored messages whose acknowledgement failed, kept for the next attempt (poll thread only).
  private final List<SourceMessage> unacknowledged = new ArrayList<>();
  private int acknowledgeFailures;

  private AuditPipeline(Builder b) {
    this.source = b.source;
    this.decoder = b.decoder;
    this.store = b.store;
    this.deadLetters = b.deadLetters;
    this.records = b.records;
    this.listener = b.listener;
    this.clock = b.clock;
    this.backoff = b.backoff;
    this.batchSize = b.batchSize;
    this.parallelism = b.parallelism;
    this.maxInFlightBytes = b.maxInFlightBytes;
    this.maxInFlightMessages = b.maxInFlightMessages;
    this.pollTimeout = b.pollTimeout;
    this.shutdownTimeout = b.shutdownTimeout;
    this.name = b.name;
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, name + "-worker-" + workerNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.pollThread = new Thread(this::pollLoop, name + "-poll");
    this.pollThread.setDaemon(true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts polling on a thread of its own.
   *
   * @throws IllegalStateException when the pipeline was started before
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("pipeline '" + name + "' was started or stopped already; build a new one to restart");
    }
    lifecycle = State.RUNNING;
    publishState();
    pollThread.start();
  }

  /**
   * Stops gracefully: no more polling; the batches in flight are finished (a failing one is not
   * retried and not acknowledged), what was stored is acknowledged, and the source is closed.
   * Waits up to the shutdown timeout.
   */
  public void stop() {
    stopRequested = true;
    if (started.compareAndSet(false, true)) {
      // Never started: no poll thread will close the source, so close it here.
      try {
        source.close();
      } catch (RuntimeException e) {
        noteError("source close", e);
      }
      workers.shutdownNow();
      lifecycle = State.STOPPED;
      publishState();
      terminated.countDown();
      return;
    }
    awaitTermination(shutdownTimeout.plus(pollTimeout).plusSeconds(5));
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Waits until the pipeline stopped or failed; returns whether it did within {@code timeout}. */
  public boolean awaitTermination(Duration timeout) {
    try {
      return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What the pipeline is doing now. */
  public PipelineHealth health() {
    return new PipelineHealth(
        currentState(),
        lastError,
        lastErrorAt,
        lag,
        received.sum(),
        stored.sum(),
        skipped.sum(),
        deadLettered.sum(),
        retries.sum(),
        inFlightMessages.get(),
        inFlightBytes.get(),
        peakInFlightBytes.get());
  }

  private State currentState() {
    State s = lifecycle;
    if (s == State.RUNNING && (retryingLanes.get() > 0 || sourceRetrying)) {
      return State.BACKING_OFF;
    }
    return s;
  }

  private synchronized void publishState() {
    State now = currentState();
    if (now != reportedState) {
      State before = reportedState;
      reportedState = now;
      notifyListener(() -> listener.onStateChange(before, now));
    }
  }

  // ---- the poll thread ------------------------------------------------------------------------

  private void pollLoop() {
    boolean paused = false;
    int sourceFailures = 0;
    long nextLagRefresh = 0;
    try {
      while (!stopRequested && fatal == null) {
        acknowledgeCompleted();
        boolean mustPause = overBudget() || retryingLanes.get() > 0;
        if (mustPause != paused) {
          if (mustPause) {
            source.pause();
          } else {
            source.resume();
          }
          paused = mustPause;
        }
        List<SourceMessage> batch;
        try {
          batch = source.poll(pollTimeout);
          if (sourceFailures > 0) {
            sourceFailures = 0;
            sourceRetrying = false;
            publishState();
          }
        } catch (RuntimeException e) {
          sourceFailures++;
          noteError("source poll", e);
          if (!backoff.allowsAnotherAfter(sourceFailures)) {
            fail(e);
            break;
          }
          sourceRetrying = true;
          publishState();
          Duration delay = backoff.delayBefore(sourceFailures);
          int attempt = sourceFailures;
          notifyListener(() -> listener.onRetry("source", attempt, e, delay));
          sleepUnlessStopping(delay);
          continue;
        }
        if (System.nanoTime() - nextLagRefresh > 0) {
          lag = source.lag().orElse(-1);
          nextLagRefresh = System.nanoTime() + LAG_REFRESH.toNanos();
        }
        if (!batch.isEmpty()) {
          dispatch(batch);
        }
      }
    } catch (RuntimeException | Error e) {
      noteError("poll loop", e);
      fail(e);
    } finally {
      shutDown();
    }
  }

  private boolean overBudget() {
    return inFlightBytes.get() >= maxInFlightBytes || inFlightMessages.get() >= maxInFlightMessages;
  }

  private void dispatch(List<SourceMessage> batch) {
    received.add(batch.size());
    notifyListener(() -> listener.onReceived(batch.size()));
    long now = System.nanoTime();
    Map<SourcePartition, List<SourceMessage>> byPartition = new LinkedHashMap<>();
    long bytes = 0;
    for (SourceMessage message : batch) {
      byPartition.computeIfAbsent(message.partition(), p -> new ArrayList<>()).add(message);
      bytes += message.sizeInBytes();
    }
    inFlightMessages.addAndGet(batch.size());
    peakInFlightBytes.accumulateAndGet(inFlightBytes.addAndGet(bytes), Math::max);
    for (Map.Entry<SourcePartition, List<SourceMessage>> group : byPartition.entrySet()) {
      List<SourceMessage> messages = group.getValue();
      for (int from = 0; from < messages.size(); from += batchSize) {
        List<SourceMessage> chunk = List.copyOf(messages.subList(from, Math.min(messages.size(), from + batchSize)));
        laneFor(group.getKey()).submit(new Chunk(chunk, now));
      }
    }
    if (lanes.size() > MAX_IDLE_LANES) {
      lanes.values().removeIf(Lane::isIdle);
    }
  }

  private Lane laneFor(SourcePartition partition) {
    String key = partition.stream() + '\u0000' + partition.partition();
    if (!partition.ordered()) {
      // No order to keep: spread the messages over all workers.
      key += '\u0000' + Integer.toString(unorderedRoundRobin++ % parallelism);
    }
    return lanes.computeIfAbsent(key, k -> new Lane());
  }

  private void acknowledgeCompleted() {
    List<SourceMessage> done = new ArrayList<>(unacknowledged);
    for (List<SourceMessage> chunk; (chunk = completed.poll()) != null; ) {
      done.addAll(chunk);
    }
    if (done.isEmpty()) {
      return;
    }
    try {
      source.acknowledge(done);
      notifyListener(() -> listener.onAcknowledged(done.size()));
      acknowledgeFailures = 0;
      unacknowledged.clear();
    } catch (RuntimeException e) {
      noteError("source acknowledge", e);
      if (++acknowledgeFailures < MAX_ACKNOWLEDGE_ATTEMPTS) {
        // Stored already: try again with the next acknowledgement rather than have them delivered again.
        unacknowledged.clear();
        unacknowledged.addAll(done);
        return;
      }
      // The source delivers these messages again (after a restart, a rebalance or a visibility
      // timeout) and the store keeps one copy of each.
      acknowledgeFailures = 0;
      unacknowledged.clear();
    }
    long bytes = 0;
    for (SourceMessage message : done) {
      bytes += message.sizeInBytes();
    }
    inFlightBytes.addAndGet(-bytes);
    inFlightMessages.addAndGet(-done.size());
  }

  private void shutDown() {
    if (fatal == null) {
      lifecycle = State.STOPPING;
      publishState();
      long deadline = System.nanoTime() + shutdownTimeout.toNanos();
      while (pendingChunks.get() > 0 && System.nanoTime() - deadline < 0) {
        acknowledgeCompleted();
        sleepQuietly(Duration.ofMillis(5));
      }
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    acknowledgeCompleted();
    try {
      source.close();
    } catch (RuntimeException e) {
      noteError("source close", e);
    }
    lifecycle = fatal == null ? State.STOPPED : State.FAILED;
    publishState();
    terminated.countDown();
  }

  // ---- the workers ----------------------------------------------------------------------------

  /** A partition's chunks, processed one after the other on the worker pool. */
  private final class Lane implements Runnable {
    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void submit(Chunk chunk) {
      pendingChunks.incrementAndGet();
      queue.add(chunk);
      schedule();
    }

    boolean isIdle() {
      return !scheduled.get() && queue.isEmpty();
    }

    private void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        try {
          workers.execute(this);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
          scheduled.set(false);
        }
      }
    }

    @Override
    public void run() {
      boolean aborted = false;
      try {
        while (!aborted) {
          List<Chunk> work = takeUpTo(batchSize);
          if (work.isEmpty()) {
            break;
          }
          try {
            process(work);
          } catch (Abort abort) {
            aborted = true;
          } catch (RuntimeException | Error e) {
            // A defect, not bad input: stop without acknowledging rather than lose the batch.
            noteError("batch processing", e);
            fail(e);
            aborted = true;
          } finally {
            pendingChunks.addAndGet(-work.size());
          }
        }
      } finally {
        if (aborted) {
          for (Chunk dropped; (dropped = queue.poll()) != null; ) {
            pendingChunks.decrementAndGet();
          }
        }
        scheduled.set(false);
        if (!aborted && !queue.isEmpty()) {
          schedule();
        }
      }
    }

    /** Queued chunks, merged while they fit in one store batch (at least one). */
    private List<Chunk> takeUpTo(int maxMessages) {
      List<Chunk> work = new ArrayList<>();
      int messages = 0;
      for (Chunk next; (next = queue.peek()) != null; ) {
        if (!work.isEmpty() && messages + next.messages.size() > maxMessages) {
          break;
        }
        work.add(queue.poll());
        messages += next.messages.size();
      }
      return work;
    }
  }

  private record Chunk(List<SourceMessage> messages, long receivedAtNanos) {}

  /** Thrown by {@code retrying} for an error that no retry can mend. */
  private static final class PermanentFailure extends RuntimeException {
    PermanentFailure(RuntimeException cause) {
      super(null, cause, false, false);
    }
  }

  /** Thrown inside a worker to give up a batch without acknowledging it (stopping, or retries ran out). */
  private static final class Abort extends RuntimeException {
    Abort() {
      super(null, null, false, false);
    }
  }

  private void process(List<Chunk> work) {
    List<SourceMessage> messages = new ArrayList<>();
    for (Chunk chunk : work) {
      messages.addAll(chunk.messages);
    }
    List<AuditRecord> batch = new ArrayList<>(messages.size());
    Map<EventId, SourceMessage> origin = new LinkedHashMap<>();
    List<DeadLetter> dead = new ArrayList<>();
    int left = 0;
    for (SourceMessage message : messages) {
      try {
        Decoded decoded = decoder.decode(message);
        if (decoded instanceof Decoded.Change change) {
          Optional<AuditRecord> record = records.toRecord(change.event());
          if (record.isPresent() && origin.putIfAbsent(record.get().id(), message) == null) {
            batch.add(record.get());
          } else {
            left++; // filtered out, or delivered twice within this batch
          }
        } else {
          left++;
        }
      } catch (DecodeException e) {
        dead.add(new DeadLetter(message, "undecodable: " + e.getMessage(), clock.instant()));
      } catch (RuntimeException e) {
        dead.add(new DeadLetter(message, "no audit record could be made: " + e, clock.instant()));
      }
    }
    if (left > 0) {
      skipped.add(left);
      int count = left;
      notifyListener(() -> listener.onSkipped(count));
    }
    if (!batch.isEmpty()) {
      AppendResult result = append(batch);
      List<AuditRecord> kept = batch;
      if (!result.rejected().isEmpty()) {
        Set<EventId> rejected = new HashSet<>();
        for (AppendResult.Rejection rejection : result.rejected()) {
          SourceMessage message = origin.get(rejection.id());
          if (message != null && rejected.add(rejection.id())) {
            dead.add(new DeadLetter(message, "the store cannot take the record: " + rejection.reason(), clock.instant()));
          }
        }
        kept = batch.stream().filter(r -> !rejected.contains(r.id())).toList();
      }
      stored.add(kept.size());
      Duration latency = Duration.ofNanos(System.nanoTime() - work.get(0).receivedAtNanos);
      List<AuditRecord> storedRecords = kept;
      notifyListener(() -> listener.onStored(storedRecords, latency));
    }
    if (!dead.isEmpty()) {
      retrying("dead-letter sink", () -> {
        deadLetters.send(dead);
        return null;
      });
      deadLettered.add(dead.size());
      notifyListener(() -> listener.onDeadLettered(dead.size()));
    }
    completed.add(messages);
  }

  /**
   * Appends with retries. A batch that fails permanently is stored record by record, so that the
   * one record a store cannot take is rejected (and dead-lettered) and the others are stored.
   */
  private AppendResult append(List<AuditRecord> batch) {
    try {
      return retrying("store", () -> store.append(batch), AuditPipeline::isPermanent);
    } catch (PermanentFailure failure) {
      if (batch.size() == 1) {
        return AppendResult.rejecting(List.of(new AppendResult.Rejection(
            batch.get(0).id(), "it failed permanently: " + failure.getCause())));
      }
      List<AppendResult.Rejection> rejected = new ArrayList<>();
      for (AuditRecord record : batch) {
        rejected.addAll(append(List.of(record)).rejected());
      }
      return AppendResult.rejecting(rejected);
    }
  }

  /** A store error no retry can mend: a permanent {@link StoreException}, or any other exception. */
  private static boolean isPermanent(RuntimeException e) {
    return !(e instanceof StoreException se) || se.isPermanent();
  }

  private <T> T retrying(String what, Supplier<T> action) {
    return retrying(what, action, e -> false);
  }

  private <T> T retrying(String what, Supplier<T> action, Predicate<RuntimeException> permanent) {
    int attempt = 0;
    boolean counted = false;
    try {
      while (true) {
        attempt++;
        try {
          return action.get();
        } catch (RuntimeException e) {
          noteError(what, e);
          if (permanent.test(e)) {
            throw new PermanentFailure(e);
          }
          retries.increment();
          if (stopRequested) {
            throw new Abort();
          }
          if (!backoff.allowsAnotherAfter(attempt)) {
            fail(e);
            throw new Abort();
          }
          if (!counted) {
            counted = true;
            retryingLanes.incrementAndGet();
            publishState();
          }
          Duration delay = backoff.delayBefore(attempt);
          int failed = attempt;
          notifyListener(() -> listener.onRetry(what, failed, e, delay));
          if (!sleepUnlessStopping(delay)) {
            throw new Abort();
          }
        }
      }
    } finally {
      if (counted) {
        retryingLanes.decrementAndGet();
        publishState();
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void fail(Throwable e) {
    if (fatal == null) {
      fatal = e;
    }
    stopRequested = true;
  }

  private void noteError(String what, Throwable e) {
    lastError = what + " failed: " + e;
    lastErrorAt = clock.instant();
  }

  /** Sleeps; returns false when woken early by a stop. */
  private boolean sleepUnlessStopping(Duration delay) {
    long end = System.nanoTime() + delay.toNanos();
    while (!stopRequested) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // A listener must not break the trail.
    }
  }

  @Override
  public String toString() {
    return "AuditPipeline[" + name + ", " + currentState() + "]";
  }

  /** Builds an {@link AuditPipeline}; {@link #build()} checks every setting. */
  public static final class Builder {
    private ChangeSource source;
    private ChangeDecoder decoder;
    private AuditStore store;
    private DeadLetterSink deadLetters;
    private AuditRecordFactory records = AuditRecordFactory.builder().build();
    private PipelineListener listener = PipelineListener.NONE;
    private Clock clock = Clock.systemUTC();
    private Backoff backoff = Backoff.defaults();
    private int batchSize = 500;
    private int parallelism = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    private long maxInFlightBytes = 64L * 1024 * 1024;
    private int maxInFlightMessages = 20_000;
    private Duration pollTimeout = Duration.ofMillis(200);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private String name = "cdc-audit";

    private Builder() {}

    /** Where messages come from (required). The pipeline closes it when it stops. */
    public Builder source(ChangeSource source) {
      this.source = source;
      return this;
    }

    /** How messages become changes (required), for example {@code ChangeDecoders.auto()} of audit-codec. */
    public Builder decoder(ChangeDecoder decoder) {
      this.decoder = decoder;
      return this;
    }

    /** Where records are kept (required). */
    public Builder store(AuditStore store) {
      this.store = store;
      return this;
    }

    /** Where undecodable and unstorable messages go (required: nothing is dropped silently). */
    public Builder deadLetters(DeadLetterSink deadLetters) {
      this.deadLetters = deadLetters;
      return this;
    }

    /** How changes become records: table filter, column policy, actors, retention (default: keep all as is). */
    public Builder records(AuditRecordFactory records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /** Hears what the pipeline does, for metrics (default: nobody). */
    public Builder listener(PipelineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock of dead letters and errors (default: system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How store, dead-letter and source failures are retried (default {@link Backoff#defaults()}). */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** The most records in one append (default 500). */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** Worker threads; partitions are processed in parallel up to this (default: cores, 2 to 8). */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** Bytes of messages received and not yet acknowledged before polling pauses (default 64 MiB). */
    public Builder maxInFlightBytes(long maxInFlightBytes) {
      this.maxInFlightBytes = maxInFlightBytes;
      return this;
    }

    /** Messages received and not yet acknowledged before polling pauses (default 20,000). */
    public Builder maxInFlightMessages(int maxInFlightMessages) {
      this.maxInFlightMessages = maxInFlightMessages;
      return this;
    }

    /** How long one poll waits for messages (default 200 ms). */
    public Builder pollTimeout(Duration pollTimeout) {
      this.pollTimeout = pollTimeout;
      return this;
    }

    /** How long {@link AuditPipeline#stop()} waits for batches in flight (default 30 s). */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** A name for threads and messages (default {@code cdc-audit}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public AuditPipeline build() {
      require(source != null, "AuditPipeline.source is required");
      require(decoder != null, "AuditPipeline.decoder is required");
      require(store != null, "AuditPipeline.store is required");
      require(deadLetters != null, "AuditPipeline.deadLetters is required: undecodable messages must go somewhere");
      require(batchSize >= 1 && batchSize <= 100_000, "AuditPipeline.batchSize must be 1 to 100000, got " + batchSize);
      require(parallelism >= 1 && parallelism <= 256, "AuditPipeline.parallelism must be 1 to 256, got " + parallelism);
      require(maxInFlightBytes >= 1024, "AuditPipeline.maxInFlightBytes must be at least 1024, got " + maxInFlightBytes);
      require(maxInFlightMessages >= 1, "AuditPipeline.maxInFlightMessages must be at least 1, got " + maxInFlightMessages);
      require(pollTimeout != null && !pollTimeout.isNegative() && pollTimeout.toMillis() <= 60_000,
          "AuditPipeline.pollTimeout must be 0 to 60 s, got " + pollTimeout);
      require(shutdownTimeout != null && !shutdownTimeout.isNegative(),
          "AuditPipeline.shutdownTimeout must not be negative, got " + shutdownTimeout);
      require(name != null && !name.isBlank(), "AuditPipeline.name must not be blank");
      return new AuditPipeline(this);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
