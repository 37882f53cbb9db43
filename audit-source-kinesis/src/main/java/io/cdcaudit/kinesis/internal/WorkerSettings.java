package io.cdcaudit.kinesis.internal;

import java.time.Duration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;

/**
 * What {@link KclWorker} is made of, checked by the source's builder.
 *
 * @param kinesis the Kinesis client
 * @param dynamoDb the DynamoDB client for the lease table
 * @param cloudWatch the CloudWatch client for the KCL's metrics, or {@code null} for none
 * @param stream the stream name
 * @param application the application name: the lease table's name and the group of workers
 * @param workerId this worker's id in the lease table
 * @param initialPosition where to start in a shard without a checkpoint
 * @param maxRecordsPerRead the most records one GetRecords call returns
 * @param idleTimeBetweenReads the pause between GetRecords calls of one shard
 * @param failoverTime how long a lease lives without renewal before another worker may take it
 * @param leaderFailoverTime how long the leader (which assigns the leases) lives without a heartbeat
 * @param shardSyncInterval how often the KCL looks for new shards
 * @param parentShardPollInterval how often a child shard checks whether its parents are done
 * @param workerUtilizationMetrics whether the KCL measures this host's load to balance leases
 */
public record WorkerSettings(
    KinesisAsyncClient kinesis,
    DynamoDbAsyncClient dynamoDb,
    CloudWatchAsyncClient cloudWatch,
    String stream,
    String application,
    String workerId,
    InitialPositionInStreamExtended initialPosition,
    int maxRecordsPerRead,
    Duration idleTimeBetweenReads,
    Duration failoverTime,
    Duration leaderFailoverTime,
    Duration shardSyncInterval,
    Duration parentShardPollInterval,
    boolean workerUtilizationMetrics) {}
