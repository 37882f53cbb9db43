package io.cdcaudit.kinesis.internal;

import io.cdcaudit.source.SourceException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.leases.LeaseAssignmentStrategy;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * One KCL worker: the {@link Scheduler} that takes and renews shard leases in the lease table,
 * reads the shards it holds with GetRecords (polling) and calls a {@link ShardProcessor} per
 * shard, on a thread of its own. Failures to start reach the pipeline through the hand-over.
 */
public final class KclWorker {

  private static final Logger LOG = System.getLogger(KclWorker.class.getName());

  private final WorkerSettings settings;
  private final Handover handover;
  private final Scheduler scheduler;
  private final Thread thread;
  private volatile boolean stopping;

  /**
   * Makes the worker; {@link #start()} starts it.
   *
   * @param settings the checked settings
   * @param handover where the shard processors hand their records over
   */
  public KclWorker(WorkerSettings settings, Handover handover) {
    this.settings = settings;
    this.handover = handover;
    this.scheduler = scheduler(settings);
    this.thread = new Thread(this::run, "kcl-" + settings.application() + "-" + settings.stream());
    thread.setDaemon(true);
  }

  private Scheduler scheduler(WorkerSettings s) {
    ProcessorConfig processor = new ProcessorConfig(
        () -> new ShardProcessor(handover, s.stream(), this::holdsLease))
        // Empty calls too: the shard's thread checkpoints what the pipeline acknowledged since the last batch.
        .callProcessRecordsEvenForEmptyRecordList(true);
    CoordinatorConfig coordinator = new CoordinatorConfig(s.application())
        .parentShardPollIntervalMillis(s.parentShardPollInterval().toMillis())
        .workerStateChangeListener(new WorkerStateChangeListener() {
          @Override
          public void onWorkerStateChange(WorkerState state) {
            LOG.log(Level.DEBUG, () -> "KCL worker " + s.workerId() + ": " + state);
          }

          @Override
          public void onAllInitializationAttemptsFailed(Throwable e) {
            handover.fail(SourceException.unusable("the Kinesis Client Library could not start on stream "
                + s.stream() + " with lease table " + s.application() + ": " + e.getMessage(), e));
          }
        });
    LeaseManagementConfig leases = new LeaseManagementConfig(
        s.application(), s.application(), s.dynamoDb(), s.kinesis(), s.workerId())
        .failoverTimeMillis(s.failoverTime().toMillis())
        // Only the leader assigns leases: the shards of a dead instance wait for its leadership to expire too.
        .dynamoDbLockBasedLeaderLeaseDurationInMillis(s.leaderFailoverTime().toMillis())
        .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(s.leaderFailoverTime().toMillis() / 4)
        .shardSyncIntervalMillis(s.shardSyncInterval().toMillis());
    if (!s.workerUtilizationMetrics()) {
      // Without the host's load the variance-based assignment balances by throughput only: an idle
      // stream's leases would never spread over a new instance. Balance by count instead.
      leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
      leases.leaseAssignmentStrategy(LeaseAssignmentStrategy.LEASE_COUNT_BASED);
    }
    MetricsConfig metrics = new MetricsConfig(s.cloudWatch(), s.application());
    if (s.cloudWatch() == null) {
      metrics.metricsFactory(new NullMetricsFactory()).metricsLevel(MetricsLevel.NONE);
    } else {
      metrics.metricsLevel(MetricsLevel.SUMMARY);
    }
    PollingConfig polling = new PollingConfig(s.stream(), s.kinesis())
        .maxRecords(s.maxRecordsPerRead())
        .idleTimeBetweenReadsInMillis(s.idleTimeBetweenReads().toMillis());
    RetrievalConfig retrieval = new RetrievalConfig(
        s.kinesis(), new SingleStreamTracker(StreamIdentifier.singleStreamInstance(s.stream()), s.initialPosition()),
        s.application())
        .retrievalSpecificConfig(polling);
    return new Scheduler(new CheckpointConfig(), coordinator, leases, new LifecycleConfig(), metrics, processor,
        retrieval);
  }

  private boolean holdsLease(String shardId) {
    return scheduler.leaseCoordinator().getCurrentlyHeldLease(shardId) != null;
  }

  /** Starts the scheduler's thread. */
  public void start() {
    thread.start();
    LOG.log(Level.INFO, () -> "KCL worker " + settings.workerId() + " started on stream " + settings.stream()
        + " (lease table " + settings.application() + ")");
  }

  private void run() {
    try {
      scheduler.run();
    } catch (RuntimeException e) {
      handover.fail(SourceException.unusable("the Kinesis Client Library stopped on stream " + settings.stream()
          + ": " + e.getMessage(), e));
      return;
    }
    if (!stopping) {
      handover.fail(SourceException.unusable("the Kinesis Client Library stopped on stream " + settings.stream()
          + " (lease table " + settings.application() + "); its log says why", null));
    }
  }

  /**
   * Whether the scheduler still runs.
   *
   * @return {@code false} once it ended
   */
  public boolean isRunning() {
    return thread.isAlive();
  }

  /**
   * Shuts down gracefully: every shard processor checkpoints what was acknowledged and lets its
   * lease go; after {@code timeout}, whatever still runs is stopped.
   *
   * @param timeout how long the graceful part may take
   */
  public void stop(Duration timeout) {
    stopping = true;
    if (!thread.isAlive()) {
      return;
    }
    boolean graceful = false;
    try {
      graceful = scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!graceful) {
        LOG.log(Level.WARNING, () -> "KCL worker " + settings.workerId() + ": graceful shutdown incomplete");
      }
    } catch (TimeoutException e) {
      LOG.log(Level.WARNING, () -> "KCL worker " + settings.workerId() + ": graceful shutdown took over " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, () -> "KCL worker " + settings.workerId() + ": graceful shutdown failed: " + e.getCause());
    } finally {
      if (!graceful) {
        scheduler.shutdown();
      }
      try {
        thread.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
