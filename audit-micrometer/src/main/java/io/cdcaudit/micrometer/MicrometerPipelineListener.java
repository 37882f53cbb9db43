package io.cdcaudit.micrometer;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.pipeline.PipelineHealth;
import io.cdcaudit.pipeline.PipelineListener;
import io.cdcaudit.pipeline.RetriedOperation;
import io.cdcaudit.record.AuditRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes what an {@link io.cdcaudit.pipeline.AuditPipeline} does as Micrometer meters, all
 * tagged with {@code pipeline=<name>}:
 * <ul>
 *   <li>{@code cdcaudit.events.received}, {@code .stored}, {@code .skipped},
 *       {@code .dead.lettered}, {@code .acknowledged}: counters of messages and records;</li>
 *   <li>{@code cdcaudit.retries}: a counter tagged {@code what=store|dead_letter_sink|source};</li>
 *   <li>{@code cdcaudit.batch.latency}: a timer from receiving a batch's first message to the
 *       batch being durable;</li>
 *   <li>{@code cdcaudit.commit.to.stored}: a timer from the database commit to the record being
 *       durable (end-to-end freshness of the trail);</li>
 *   <li>{@code cdcaudit.pipeline.state}: a gauge, 1 for the current
 *       {@link PipelineHealth.State} (tag {@code state}), 0 for the others;</li>
 *   <li>{@code cdcaudit.backing.off}: a gauge of the seconds the pipeline has been
 *       {@code BACKING_OFF} without success, 0 otherwise; with the default backoff, which never
 *       gives up, alert on this one;</li>
 *   <li>{@code cdcaudit.events.without.key}: a counter of records of row changes stored without a
 *       primary key (no row's history finds them);</li>
 *   <li>{@code cdcaudit.rules.idle}: a gauge of the policy rules found to apply to nothing.</li>
 * </ul>
 *
 * <pre>{@code
 * AuditPipeline.builder()...listener(new MicrometerPipelineListener(registry, "orders-audit")).build();
 * }</pre>
 */
public final class MicrometerPipelineListener implements PipelineListener {

  private final MeterRegistry registry;
  private final Tags tags;
  private final Counter received;
  private final Counter stored;
  private final Counter skipped;
  private final Counter deadLettered;
  private final Counter acknowledged;
  private final Timer batchLatency;
  private final Timer commitToStored;
  private final ConcurrentHashMap<RetriedOperation, Counter> retries = new ConcurrentHashMap<>();
  private final AtomicInteger state = new AtomicInteger(PipelineHealth.State.NEW.ordinal());
  private final Counter withoutKey;
  private final AtomicInteger idleRules = new AtomicInteger();
  private final AtomicLong backingOffSinceNanos = new AtomicLong(NOT_BACKING_OFF);
  private static final long NOT_BACKING_OFF = Long.MIN_VALUE;

  /**
   * Registers the pipeline's meters in {@code registry}.
   *
   * @param registry the application's registry
   * @param pipelineName the value of the {@code pipeline} tag, to tell pipelines apart
   */
  public MicrometerPipelineListener(MeterRegistry registry, String pipelineName) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(pipelineName, "pipelineName");
    this.tags = Tags.of("pipeline", pipelineName);
    this.received = counter("cdcaudit.events.received", "Messages received from the source");
    this.stored = counter("cdcaudit.events.stored", "Audit records the store said are durable");
    this.skipped = counter("cdcaudit.events.skipped", "Messages left out: tombstones, markers, filtered tables");
    this.deadLettered = counter("cdcaudit.events.dead.lettered", "Messages sent to the dead-letter sink");
    this.acknowledged = counter("cdcaudit.events.acknowledged", "Messages acknowledged to the source");
    this.batchLatency = Timer.builder("cdcaudit.batch.latency")
        .description("From receiving a batch to the batch being durable")
        .tags(tags)
        .publishPercentiles(0.5, 0.99)
        .register(registry);
    this.commitToStored = Timer.builder("cdcaudit.commit.to.stored")
        .description("From the database commit to the audit record being durable")
        .tags(tags)
        .publishPercentiles(0.5, 0.99)
        .register(registry);
    this.withoutKey = counter("cdcaudit.events.without.key", "Records of row changes stored without a primary key");
    Gauge.builder("cdcaudit.rules.idle", idleRules, AtomicInteger::get)
        .description("Policy rules that applied to nothing after many messages")
        .tags(tags)
        .register(registry);
    Gauge.builder("cdcaudit.backing.off", backingOffSinceNanos, MicrometerPipelineListener::secondsSince)
        .description("Seconds the pipeline has been retrying without success, 0 when it is not")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    for (PipelineHealth.State s : PipelineHealth.State.values()) {
      Gauge.builder("cdcaudit.pipeline.state", state, st -> st.get() == s.ordinal() ? 1 : 0)
          .description("1 for the pipeline's current state")
          .tags(tags.and("state", s.name()))
          .register(registry);
    }
  }

  private static double secondsSince(AtomicLong sinceNanos) {
    long since = sinceNanos.get();
    return since == NOT_BACKING_OFF ? 0 : (System.nanoTime() - since) / 1e9;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  @Override
  public void onReceived(int count) {
    received.increment(count);
  }

  @Override
  public void onStored(List<AuditRecord> records, Duration sinceReceived) {
    stored.increment(records.size());
    batchLatency.record(sinceReceived);
    long now = System.currentTimeMillis();
    for (AuditRecord record : records) {
      long lagMillis = now - record.event().committedAt().toEpochMilli();
      if (lagMillis >= 0) {
        commitToStored.record(Duration.ofMillis(lagMillis));
      }
    }
  }

  @Override
  public void onSkipped(int count) {
    skipped.increment(count);
  }

  @Override
  public void onDeadLettered(int count) {
    deadLettered.increment(count);
  }

  @Override
  public void onAcknowledged(int count) {
    acknowledged.increment(count);
  }

  @Override
  public void onRetry(RetriedOperation what, int attempt, Throwable error, Duration delay) {
    retries.computeIfAbsent(what, w -> Counter.builder("cdcaudit.retries")
        .description("Failed attempts that are retried")
        .tags(tags.and("what", w.tagValue()))
        .register(registry)).increment();
  }

  @Override
  public void onStateChange(PipelineHealth.State from, PipelineHealth.State to) {
    state.set(to.ordinal());
    if (to == PipelineHealth.State.BACKING_OFF) {
      backingOffSinceNanos.compareAndSet(NOT_BACKING_OFF, System.nanoTime());
    } else {
      backingOffSinceNanos.set(NOT_BACKING_OFF);
    }
  }

  @Override
  public void onStoredWithoutKey(TableRef table) {
    withoutKey.increment();
  }

  @Override
  public void onIdleRule(String rule, long messagesSeen) {
    idleRules.incrementAndGet();
  }
}
