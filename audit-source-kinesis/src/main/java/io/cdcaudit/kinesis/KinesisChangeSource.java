package io.cdcaudit.kinesis;

import io.cdcaudit.kinesis.internal.Handover;
import io.cdcaudit.kinesis.internal.KclWorker;
import io.cdcaudit.kinesis.internal.StreamCheck;
import io.cdcaudit.kinesis.internal.WorkerSettings;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;

/**
 * A {@link ChangeSource} over a Kinesis data stream, read through the Kinesis Client Library
 * (KCL 3): the KCL holds shard leases in a DynamoDB table named after the
 * {@linkplain Builder#applicationName application}, so instances with the same application name
 * share the shards (scale out by starting more), and a shard whose worker dies goes to another.
 *
 * <pre>{@code
 * ChangeSource source = KinesisChangeSource.builder(kinesisAsyncClient, dynamoDbAsyncClient)
 *     .streamName("maxwell")
 *     .applicationName("audit-trail")
 *     .build();
 * }</pre>
 *
 * <p><b>Only what is stored is checkpointed.</b> Each shard is an ordered partition; its records
 * reach the pipeline in sequence order. A shard's checkpoint is the end of the contiguous run of
 * acknowledged records (sequence and sub-sequence number, so that the user records of a KPL
 * aggregate are checkpointed one by one), written on the shard's KCL thread, never on a timer and
 * never for a record that was only queued. At a shard's end (a split or a merge) the source
 * checkpoints {@code SHARD_END}, which lets the children start, only after every record of the
 * shard is acknowledged: a row's changes stay in order across resharding. A lost lease stops that
 * shard's delivery at once; what was delivered but not acknowledged is read again by the next
 * owner, and its acknowledgements here change nothing. KPL aggregates (Maxwell's and the KPL's)
 * are de-aggregated: each user record is a message of its own.
 *
 * <p><b>Backpressure.</b> The KCL pushes records from one thread per shard; they wait in a bounded
 * queue per shard ({@link Builder#queueCapacityPerShard}) until {@link #poll} takes them, and the
 * shard's thread blocks while its queue is full, so a slow store or a {@link #pause()} holds the
 * shard without losing its lease (the KCL renews leases on threads of its own).
 *
 * <p><b>Failures are told.</b> Before the KCL starts, the first {@link #poll} asks for the stream
 * and the lease table: a missing stream or refused credentials make the source
 * {@link SourceException#isUnusable() unusable}; an unreachable endpoint is a transient error, and
 * so is one found by the same check while no record arrives for a
 * {@link Builder#reachabilityCheck reachability check}. A KCL that cannot start is unusable.
 *
 * <p>The source never creates or closes the clients it is given. Messages: the record's data as
 * the value, its partition key (UTF-8) as the key, the approximate arrival time as the timestamp,
 * {@code <stream>/<shard id>} as the partition and the sequence number ({@code <seq>:<sub>} for a
 * user record of an aggregate) as the position. {@link #lag()} is not known. Like every source, an
 * instance is used from one thread; the KCL's threads are its own.
 */
public final class KinesisChangeSource implements ChangeSource {

  private static final Logger LOG = System.getLogger(KinesisChangeSource.class.getName());
  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private final WorkerSettings settings;
  private final Handover handover;
  private final StreamCheck check;
  private final int maxPollRecords;
  private final Duration shutdownTimeout;
  private final long reachabilityCheckNanos;
  private KclWorker worker;
  private long lastDeliveryNanos = System.nanoTime();
  private boolean closed;

  private KinesisChangeSource(Builder b, WorkerSettings settings) {
    this.settings = settings;
    this.handover = new Handover(b.queueCapacityPerShard);
    this.check = new StreamCheck(settings.kinesis(), settings.dynamoDb(), settings.stream(), settings.application(),
        b.reachabilityCheck.compareTo(Duration.ofSeconds(10)) < 0 ? b.reachabilityCheck : Duration.ofSeconds(10));
    this.maxPollRecords = b.maxPollRecords;
    this.shutdownTimeout = b.shutdownTimeout;
    this.reachabilityCheckNanos = b.reachabilityCheck.toNanos();
  }

  /**
   * Starts a builder.
   *
   * @param kinesis the client for the stream (its region, credentials and endpoint are used as they are)
   * @param dynamoDb the client for the lease table
   * @return a builder; {@link Builder#streamName} and {@link Builder#applicationName} are required
   */
  public static Builder builder(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb) {
    return new Builder(kinesis, dynamoDb);
  }

  /**
   * The next records of the shards this worker holds. The first call checks the stream and the
   * lease table and starts the KCL; its first records come once it holds leases (seconds after a
   * restart, up to half a minute on a new lease table).
   *
   * @throws SourceException as the class comment says
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<SourceMessage> poll(Duration timeout) {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    if (worker == null) {
      check.run();
      worker = new KclWorker(settings, handover);
      worker.start();
      lastDeliveryNanos = System.nanoTime();
    }
    List<SourceMessage> messages = handover.take(timeout, maxPollRecords);
    long now = System.nanoTime();
    if (!messages.isEmpty()) {
      lastDeliveryNanos = now;
    } else if (reachabilityCheckNanos > 0 && now - lastDeliveryNanos > reachabilityCheckNanos) {
      lastDeliveryNanos = now;
      check.run();
    }
    return messages;
  }

  /**
   * Notes the messages as stored; each shard's thread checkpoints the acknowledged prefix at its
   * next call from the KCL (within {@link Builder#idleTimeBetweenReads} or sooner).
   */
  @Override
  public void acknowledge(List<SourceMessage> messages) {
    handover.acknowledged(messages);
  }

  @Override
  public void pause() {
    handover.pause();
  }

  @Override
  public void resume() {
    handover.resume();
  }

  /**
   * Stops delivery, then shuts the KCL down gracefully: each shard checkpoints what was
   * acknowledged and lets its lease go, so another instance takes over at once. Waits up to the
   * {@link Builder#shutdownTimeout shutdown timeout}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    handover.close();
    if (worker != null) {
      worker.stop(shutdownTimeout);
    }
    LOG.log(Level.DEBUG, () -> this + " closed");
  }

  @Override
  public String toString() {
    return "KinesisChangeSource[" + settings.stream() + ", application " + settings.application() + ", worker "
        + settings.workerId() + "]";
  }

  /** Builds a {@link KinesisChangeSource}; {@link #build()} checks every setting. */
  public static final class Builder {
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamoDb;
    private CloudWatchAsyncClient cloudWatch;
    private String streamName;
    private String applicationName;
    private String workerId;
    private InitialPositionInStreamExtended initialPosition =
        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
    private int queueCapacityPerShard = 1_000;
    private int maxPollRecords = 1_000;
    private int maxRecordsPerRead = 10_000;
    private Duration idleTimeBetweenReads = Duration.ofSeconds(1);
    private Duration failoverTime = Duration.ofSeconds(10);
    private Duration leaderFailoverTime = Duration.ofMinutes(2);
    private Duration shardSyncInterval = Duration.ofMinutes(1);
    private Duration parentShardPollInterval = Duration.ofSeconds(10);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration reachabilityCheck = Duration.ofSeconds(30);
    private boolean workerUtilizationMetrics = true;

    private Builder(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb) {
      this.kinesis = kinesis;
      this.dynamoDb = dynamoDb;
    }

    /**
     * The stream to read (required).
     *
     * @param streamName the stream's name in the Kinesis client's region
     * @return this builder
     */
    public Builder streamName(String streamName) {
      this.streamName = streamName;
      return this;
    }

    /**
     * The application (required): the name of the DynamoDB lease table, and what makes instances
     * share a stream's shards, as a Kafka consumer group does. Two applications on one stream each
     * read all of it.
     *
     * @param applicationName 3 to 255 of {@code a-z A-Z 0-9 _ . -}
     * @return this builder
     */
    public Builder applicationName(String applicationName) {
      this.applicationName = applicationName;
      return this;
    }

    /**
     * This instance's id in the lease table; unique per running instance.
     *
     * @param workerId the id; by default the host name and a random UUID
     * @return this builder
     */
    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /**
     * Where a shard without a checkpoint starts: by default at its oldest record
     * ({@code TRIM_HORIZON}), so a new application audits everything the stream still holds.
     *
     * @return this builder, starting such shards at their newest record ({@code LATEST}) instead
     */
    public Builder startAtLatest() {
      this.initialPosition = InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.LATEST);
      return this;
    }

    /**
     * Starts a shard without a checkpoint at the first record that arrived at or after {@code time}.
     *
     * @param time the time
     * @return this builder
     */
    public Builder startAt(Instant time) {
      Objects.requireNonNull(time, "KinesisChangeSource.startAt");
      this.initialPosition = InitialPositionInStreamExtended.newInitialPositionAtTimestamp(Date.from(time));
      return this;
    }

    /**
     * How many records of one shard may wait for the pipeline (1,000 by default); the shard's KCL
     * thread blocks while they do.
     *
     * @param queueCapacityPerShard 1 to 100,000
     * @return this builder
     */
    public Builder queueCapacityPerShard(int queueCapacityPerShard) {
      this.queueCapacityPerShard = queueCapacityPerShard;
      return this;
    }

    /**
     * The most messages one {@link KinesisChangeSource#poll} returns (1,000 by default).
     *
     * @param maxPollRecords 1 to 100,000
     * @return this builder
     */
    public Builder maxPollRecords(int maxPollRecords) {
      this.maxPollRecords = maxPollRecords;
      return this;
    }

    /**
     * The most records one GetRecords call returns (10,000 by default, Kinesis' own limit).
     *
     * @param maxRecordsPerRead 1 to 10,000
     * @return this builder
     */
    public Builder maxRecordsPerRead(int maxRecordsPerRead) {
      this.maxRecordsPerRead = maxRecordsPerRead;
      return this;
    }

    /**
     * The pause between GetRecords calls of one shard (1 s by default). Kinesis allows five reads
     * per shard and second, shared by every application on the stream. It also bounds how long an
     * acknowledgement waits for its checkpoint.
     *
     * @param idleTimeBetweenReads 200 ms to 1 min
     * @return this builder
     */
    public Builder idleTimeBetweenReads(Duration idleTimeBetweenReads) {
      this.idleTimeBetweenReads = idleTimeBetweenReads;
      return this;
    }

    /**
     * How long a lease lives without renewal before another instance may take it (10 s by
     * default, the KCL's): how soon the shards of a crashed instance move.
     *
     * @param failoverTime 1 s to 10 min
     * @return this builder
     */
    public Builder failoverTime(Duration failoverTime) {
      this.failoverTime = failoverTime;
      return this;
    }

    /**
     * How long the leader lives without a heartbeat before another instance is elected (2 min by
     * default, the KCL's). In KCL 3 only the leader assigns leases, so when the leader dies, its
     * shards (and those of any other dead instance) move only after this and the
     * {@linkplain #failoverTime failover time}. Shorter means faster take-overs and more DynamoDB
     * writes (a heartbeat every quarter of it).
     *
     * @param leaderFailoverTime 4 s to 10 min, and at least the failover time
     * @return this builder
     */
    public Builder leaderFailoverTime(Duration leaderFailoverTime) {
      this.leaderFailoverTime = leaderFailoverTime;
      return this;
    }

    /**
     * How often the KCL looks for new shards after a split or merge (1 min by default).
     *
     * @param shardSyncInterval 1 s to 1 h
     * @return this builder
     */
    public Builder shardSyncInterval(Duration shardSyncInterval) {
      this.shardSyncInterval = shardSyncInterval;
      return this;
    }

    /**
     * How often a child shard checks whether its parents are checkpointed at their end (10 s by
     * default).
     *
     * @param parentShardPollInterval 100 ms to 10 min
     * @return this builder
     */
    public Builder parentShardPollInterval(Duration parentShardPollInterval) {
      this.parentShardPollInterval = parentShardPollInterval;
      return this;
    }

    /**
     * Whether the KCL balances leases by each host's CPU load (on by default, the KCL's way). The
     * load is read from EC2, ECS or EKS metadata: elsewhere turn it off, and leases are balanced by
     * their count (without the load, the KCL would balance by throughput only, and the shards of an
     * idle stream would never spread over a new instance).
     *
     * @param enabled {@code false} to balance by lease count
     * @return this builder
     */
    public Builder workerUtilizationMetrics(boolean enabled) {
      this.workerUtilizationMetrics = enabled;
      return this;
    }

    /**
     * Publishes the KCL's own metrics (SUMMARY level) to CloudWatch, in a namespace named after
     * the application; none by default. The client is not closed by the source.
     *
     * @param cloudWatch the client
     * @return this builder
     */
    public Builder cloudWatchMetrics(CloudWatchAsyncClient cloudWatch) {
      this.cloudWatch = Objects.requireNonNull(cloudWatch, "KinesisChangeSource.cloudWatchMetrics");
      return this;
    }

    /**
     * How long {@link KinesisChangeSource#close()} waits for the shards' final checkpoints (30 s
     * by default).
     *
     * @param shutdownTimeout 1 s to 10 min
     * @return this builder
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * How long no record may arrive before {@link KinesisChangeSource#poll} asks Kinesis and
     * DynamoDB whether they answer (30 s by default); {@link Duration#ZERO} never asks.
     *
     * @param reachabilityCheck 0 to 1 h
     * @return this builder
     */
    public Builder reachabilityCheck(Duration reachabilityCheck) {
      this.reachabilityCheck = reachabilityCheck;
      return this;
    }

    /**
     * Makes the source; nothing connects before its first {@link KinesisChangeSource#poll}.
     *
     * @return the source
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public KinesisChangeSource build() {
      require(kinesis != null, "KinesisChangeSource.builder: the KinesisAsyncClient is required");
      require(dynamoDb != null, "KinesisChangeSource.builder: the DynamoDbAsyncClient (lease table) is required");
      require(streamName != null && STREAM_NAME.matcher(streamName).matches(),
          "KinesisChangeSource.streamName must be 1 to 128 of a-z A-Z 0-9 _ . -, got " + quoted(streamName));
      require(applicationName != null && TABLE_NAME.matcher(applicationName).matches(),
          "KinesisChangeSource.applicationName (the lease table's name) must be 3 to 255 of a-z A-Z 0-9 _ . -, got "
              + quoted(applicationName));
      require(workerId == null || !workerId.isBlank(), "KinesisChangeSource.workerId must not be blank");
      require(queueCapacityPerShard >= 1 && queueCapacityPerShard <= 100_000,
          "KinesisChangeSource.queueCapacityPerShard must be 1 to 100000, got " + queueCapacityPerShard);
      require(maxPollRecords >= 1 && maxPollRecords <= 100_000,
          "KinesisChangeSource.maxPollRecords must be 1 to 100000, got " + maxPollRecords);
      require(maxRecordsPerRead >= 1 && maxRecordsPerRead <= 10_000,
          "KinesisChangeSource.maxRecordsPerRead must be 1 to 10000, got " + maxRecordsPerRead);
      within("idleTimeBetweenReads", idleTimeBetweenReads, Duration.ofMillis(200), Duration.ofMinutes(1));
      within("failoverTime", failoverTime, Duration.ofSeconds(1), Duration.ofMinutes(10));
      within("leaderFailoverTime", leaderFailoverTime, Duration.ofSeconds(4), Duration.ofMinutes(10));
      require(leaderFailoverTime.compareTo(failoverTime) >= 0, "KinesisChangeSource.leaderFailoverTime ("
          + leaderFailoverTime + ") must be at least the failoverTime (" + failoverTime + ")");
      within("shardSyncInterval", shardSyncInterval, Duration.ofSeconds(1), Duration.ofHours(1));
      within("parentShardPollInterval", parentShardPollInterval, Duration.ofMillis(100), Duration.ofMinutes(10));
      within("shutdownTimeout", shutdownTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
      within("reachabilityCheck", reachabilityCheck, Duration.ZERO, Duration.ofHours(1));
      WorkerSettings settings = new WorkerSettings(kinesis, dynamoDb, cloudWatch, streamName, applicationName,
          workerId == null ? defaultWorkerId() : workerId, initialPosition, maxRecordsPerRead, idleTimeBetweenReads,
          failoverTime, leaderFailoverTime, shardSyncInterval, parentShardPollInterval, workerUtilizationMetrics);
      return new KinesisChangeSource(this, settings);
    }

    private static void within(String setting, Duration value, Duration min, Duration max) {
      require(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
          "KinesisChangeSource." + setting + " must be " + min + " to " + max + ", got " + value);
    }

    private static String quoted(String value) {
      return value == null ? "none" : "'" + value + "'";
    }

    private static String defaultWorkerId() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown-host";
      }
      return host + ":" + UUID.randomUUID();
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
