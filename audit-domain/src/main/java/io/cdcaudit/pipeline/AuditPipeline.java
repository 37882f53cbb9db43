package io.cdcaudit.pipeline;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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
 *   <li><b>Failing closed.</b> A source or store that cannot be reached is retried and shows as
 *       {@code BACKING_OFF} with the error in {@link #health()}; one that cannot be used as it is
 *       set up (bad credentials, a missing privilege or queue: {@link SourceException#isUnusable()},
 *       {@link StoreException#isUnusable()}) stops the pipeline as {@code FAILED}. Records of row
 *       changes without a primary key, and policy rules that apply to nothing, are counted and
 *       logged.
 *   <li><b>Ownership.</b> The pipeline owns the source and the dead-letter sink it is given: it
 *       closes both when it stops (the sink when it is {@link AutoCloseable}), also when it is
 *       stopped without having started. It never closes the store, which queries go on using, nor
 *       any client an adapter was built from. A stopped or failed pipeline does not start again:
 *       build a new one from the same builder, given the source and sink as suppliers
 *       ({@link Builder#source(Supplier)}, {@link Builder#deadLetters(Supplier)}).
 *   <li><b>Logs</b> go to {@link System.Logger} {@code io.cdcaudit.pipeline.AuditPipeline} (which
 *       SLF4J and Log4j can route): the settings at start, state changes, retries, recoveries, dead
 *       letters, tables without keys, idle rules, and why it failed.
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

  private final String name;
  // The public face (and the builder); the run, with the package's small parts, does the work.
  private final PipelineRun run;

  private AuditPipeline(PipelineSettings settings, Builder b) {
    ChangeSource source = b.takeSource();
    DeadLetterSink sink;
    try {
      sink = b.takeDeadLetters();
    } catch (RuntimeException e) {
      source.close(); // made for this pipeline, which will never run
      throw e;
    }
    this.name = settings.name();
    this.run = new PipelineRun(settings, source, sink);
  }

  /**
   * A builder with the defaults; source, decoder, store and dead-letter sink are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts polling on a thread of its own.
   *
   * @throws IllegalStateException when the pipeline was started or stopped before (build a new one
   *     from the builder to start again)
   */
  public void start() {
    run.start();
  }

  /**
   * Stops gracefully: no more polling; the batches in flight are finished (a failing one is not
   * retried and not acknowledged), what was stored is acknowledged, and the source and the
   * dead-letter sink are closed. Waits up to the shutdown timeout.
   */
  public void stop() {
    run.stop();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Waits until the pipeline stopped or failed, for a caller that must not go on while records may
   * still be stored or acknowledged.
   *
   * @param timeout how long to wait at most
   * @return true when the pipeline terminated within {@code timeout}; false when it is still
   *     running or the waiting thread was interrupted (its interrupt flag is then set again)
   */
  public boolean awaitTermination(Duration timeout) {
    return run.awaitTermination(timeout);
  }

  /**
   * What the pipeline is doing now, for health checks and readiness probes; cheap enough to call
   * on every probe.
   *
   * @return a snapshot of the state, the current error, the counters and the memory in flight
   */
  public PipelineHealth health() {
    return run.health();
  }

  /**
   * For logs: the pipeline's name and state.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "AuditPipeline[" + name + ", " + run.state() + "]";
  }

  /** Builds an {@link AuditPipeline}; {@link #build()} checks every setting. */
  public static final class Builder {
    private ChangeSource source;
    private Supplier<? extends ChangeSource> sourceSupplier;
    private boolean sourceTaken;
    private ChangeDecoder decoder;
    private AuditStore store;
    private DeadLetterSink deadLetters;
    private Supplier<? extends DeadLetterSink> deadLetterSupplier;
    private boolean deadLettersTaken;
    private long reportIdleRulesAfter = 10_000;
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

    /**
     * Where messages come from (this or {@link #source(Supplier)} is required). The pipeline owns
     * it and closes it when it stops, so this builder builds one pipeline with it.
     *
     * @param source the source
     * @return this builder
     */
    public Builder source(ChangeSource source) {
      this.source = Objects.requireNonNull(source, "AuditPipeline.source");
      this.sourceSupplier = null;
      this.sourceTaken = false;
      return this;
    }

    /**
     * Where messages come from, made anew for every pipeline this builder builds: how to build a
     * pipeline again after one stopped or failed.
     *
     * @param source makes a new source on each call
     * @return this builder
     */
    public Builder source(Supplier<? extends ChangeSource> source) {
      this.sourceSupplier = Objects.requireNonNull(source, "AuditPipeline.source");
      this.source = null;
      this.sourceTaken = false;
      return this;
    }

    /**
     * How messages become changes (required), for example {@code ChangeDecoders.auto()} of
     * audit-codec.
     *
     * @param decoder the decoder of the producer's format; a message it cannot read is dead-lettered
     * @return this builder
     */
    public Builder decoder(ChangeDecoder decoder) {
      this.decoder = decoder;
      return this;
    }

    /**
     * Where records are kept (required). The pipeline acknowledges a message only once the store
     * says its record is durable.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(AuditStore store) {
      this.store = store;
      return this;
    }

    /**
     * Where undecodable and unstorable messages go (this or {@link #deadLetters(Supplier)} is
     * required: nothing is dropped silently). The pipeline owns it and closes it when it stops (if
     * it is {@link AutoCloseable}), so this builder builds one pipeline with such a sink.
     *
     * @param deadLetters the sink
     * @return this builder
     */
    public Builder deadLetters(DeadLetterSink deadLetters) {
      this.deadLetters = Objects.requireNonNull(deadLetters, "AuditPipeline.deadLetters");
      this.deadLetterSupplier = null;
      this.deadLettersTaken = false;
      return this;
    }

    /**
     * Where undecodable and unstorable messages go, made anew for every pipeline this builder
     * builds.
     *
     * @param deadLetters makes a new sink on each call
     * @return this builder
     */
    public Builder deadLetters(Supplier<? extends DeadLetterSink> deadLetters) {
      this.deadLetterSupplier = Objects.requireNonNull(deadLetters, "AuditPipeline.deadLetters");
      this.deadLetters = null;
      this.deadLettersTaken = false;
      return this;
    }

    /**
     * After how many received messages the pipeline reports, once, the policy rules that applied to
     * nothing ({@link AuditRecordFactory#idleRules()}): a log line each and
     * {@link PipelineListener#onIdleRule} (default 10,000).
     *
     * @param messages at least 1
     * @return this builder
     */
    public Builder reportIdleRulesAfter(long messages) {
      this.reportIdleRulesAfter = messages;
      return this;
    }

    /**
     * How changes become records: table filter, column policy, actors, retention (default: keep
     * all as is).
     *
     * @param records the factory applied to every decoded change
     * @return this builder
     * @throws NullPointerException when {@code records} is {@code null}
     */
    public Builder records(AuditRecordFactory records) {
      this.records = Objects.requireNonNull(records, "records");
      return this;
    }

    /**
     * Hears what the pipeline does, for metrics (default: nobody).
     *
     * @param listener the listener, called from the pipeline's threads
     * @return this builder
     * @throws NullPointerException when {@code listener} is {@code null}
     */
    public Builder listener(PipelineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The clock of dead letters and errors (default: system clock, UTC).
     *
     * @param clock the clock read for {@link DeadLetter#failedAt()} and the time of an error
     * @return this builder
     * @throws NullPointerException when {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How store, dead-letter and source failures are retried (default {@link Backoff#defaults()}).
     *
     * @param backoff the delays between attempts, and when to give up
     * @return this builder
     * @throws NullPointerException when {@code backoff} is {@code null}
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * The most records in one append (default 500): larger batches store faster, smaller ones
     * acknowledge sooner.
     *
     * @param batchSize 1 to 100,000; {@link #build()} checks it
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Worker threads; partitions are processed in parallel up to this (default: cores, 2 to 8).
     * The messages of one ordered partition are always processed in order, on one thread at a time.
     *
     * @param parallelism 1 to 256; {@link #build()} checks it
     * @return this builder
     */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Bytes of messages received and not yet acknowledged before polling pauses (default 64 MiB):
     * bounds the heap a slow store can make the pipeline hold.
     *
     * @param maxInFlightBytes at least 1024; {@link #build()} checks it
     * @return this builder
     */
    public Builder maxInFlightBytes(long maxInFlightBytes) {
      this.maxInFlightBytes = maxInFlightBytes;
      return this;
    }

    /**
     * Messages received and not yet acknowledged before polling pauses (default 20,000).
     *
     * @param maxInFlightMessages at least 1; {@link #build()} checks it
     * @return this builder
     */
    public Builder maxInFlightMessages(int maxInFlightMessages) {
      this.maxInFlightMessages = maxInFlightMessages;
      return this;
    }

    /**
     * How long one poll waits for messages (default 200 ms); also how soon the poll thread notices
     * a stop.
     *
     * @param pollTimeout 0 to 60 s; {@link #build()} checks it
     * @return this builder
     */
    public Builder pollTimeout(Duration pollTimeout) {
      this.pollTimeout = pollTimeout;
      return this;
    }

    /**
     * How long {@link AuditPipeline#stop()} waits for batches in flight (default 30 s); a batch
     * not stored by then is not acknowledged, and comes again from the source.
     *
     * @param shutdownTimeout not negative; {@link #build()} checks it
     * @return this builder
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * A name for threads and messages (default {@code cdc-audit}), to tell pipelines apart in logs
     * and thread dumps when a process runs several.
     *
     * @param name not blank; {@link #build()} checks it
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Builds the pipeline, taking a source and a dead-letter sink: a given one is used once, a
     * supplier is called anew. The pipeline does not start until {@link AuditPipeline#start()}.
     *
     * @return the pipeline, not started
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     * @throws NullPointerException when a source or dead-letter sink supplier gives {@code null}
     */
    public AuditPipeline build() {
      require(source != null || sourceSupplier != null, "AuditPipeline.source is required");
      require(!sourceTaken, "AuditPipeline.source was given to the pipeline built before, which closes it when it stops;"
          + " give source(Supplier) to build more than one pipeline from this builder");
      require(decoder != null, "AuditPipeline.decoder is required");
      require(store != null, "AuditPipeline.store is required");
      require(deadLetters != null || deadLetterSupplier != null,
          "AuditPipeline.deadLetters is required: undecodable messages must go somewhere");
      require(!deadLettersTaken, "AuditPipeline.deadLetters was given to the pipeline built before, which closes it when"
          + " it stops; give deadLetters(Supplier) to build more than one pipeline from this builder");
      // The settings check the ranges, naming the first setting out of its range.
      PipelineSettings settings = new PipelineSettings(decoder, store, records, listener, clock, backoff,
          reportIdleRulesAfter, batchSize, parallelism, maxInFlightBytes, maxInFlightMessages, pollTimeout,
          shutdownTimeout, name);
      return new AuditPipeline(settings, this);
    }

    private ChangeSource takeSource() {
      if (sourceSupplier != null) {
        return Objects.requireNonNull(sourceSupplier.get(), "AuditPipeline.source supplier gave null");
      }
      sourceTaken = true;
      return source;
    }

    private DeadLetterSink takeDeadLetters() {
      if (deadLetterSupplier != null) {
        return Objects.requireNonNull(deadLetterSupplier.get(), "AuditPipeline.deadLetters supplier gave null");
      }
      // A sink with nothing to close (a lambda, an in-memory list) may serve any number of pipelines.
      deadLettersTaken = deadLetters instanceof AutoCloseable;
      return deadLetters;
    }

    private static void require(boolean condition, String message) {
      PipelineSettings.require(condition, message);
    }
  }
}
