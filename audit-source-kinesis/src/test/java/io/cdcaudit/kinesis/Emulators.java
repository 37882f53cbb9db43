package io.cdcaudit.kinesis;

import io.cdcaudit.testservers.DynaliteServer;
import io.cdcaudit.testservers.KclLeaseTables;
import io.cdcaudit.testservers.KinesisLocal;
import io.cdcaudit.testservers.KinesisStreams;
import io.cdcaudit.testservers.TestServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shared kinesis-local and dynalite of this test JVM, async clients for the source (as the KCL
 * needs them: Netty over HTTP/1.1, dummy credentials) and helpers: a stream with its lease table, a
 * source with quick KCL settings, publishing.
 */
final class Emulators {

  private static KinesisAsyncClient kinesis;
  private static DynamoDbAsyncClient dynamoDb;

  private Emulators() {}

  static synchronized KinesisAsyncClient kinesis() {
    if (kinesis == null) {
      kinesis = KinesisAsyncClient.builder()
          .endpointOverride(TestServers.kinesisLocal().endpoint())
          .region(Region.US_EAST_1)
          .credentialsProvider(credentials())
          .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
          .build();
    }
    return kinesis;
  }

  static synchronized DynamoDbAsyncClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = dynamoDb(TestServers.dynalite().endpoint());
    }
    return dynamoDb;
  }

  static DynamoDbAsyncClient dynamoDb(URI endpoint) {
    return DynamoDbAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));
  }

  /** A new stream of {@code shards} shards. */
  static String stream(String prefix, int shards) {
    return KinesisStreams.createUnique(TestServers.kinesisLocal(), prefix, shards);
  }

  /** A new application (lease table) for {@code stream}, made as the KCL would but with the index dynalite cannot add. */
  static String application(String prefix) {
    return KclLeaseTables.create(TestServers.dynalite(), prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * A new application whose lease table already holds a lease per shard of {@code stream} at {@code TRIM_HORIZON},
   * as the KCL's first shard sync writes them: a worker on it starts in seconds, where one on an empty table waits
   * 1 to 30 s (at random, hard-coded in the KCL) before its first shard sync. For the many short tests of the kit.
   */
  static String seededApplication(String prefix, String stream) {
    String application = application(prefix);
    DynaliteServer dynalite = TestServers.dynalite();
    try (KinesisClient client = KinesisStreams.client(TestServers.kinesisLocal());
         DynamoDbClient leases = KclLeaseTables.client(dynalite)) {
      for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
        Map<String, AttributeValue> lease = new HashMap<>();
        lease.put("leaseKey", AttributeValue.fromS(shard.shardId()));
        lease.put("leaseCounter", AttributeValue.fromN("0"));
        lease.put("ownerSwitchesSinceCheckpoint", AttributeValue.fromN("0"));
        lease.put("checkpoint", AttributeValue.fromS("TRIM_HORIZON"));
        lease.put("checkpointSubSequenceNumber", AttributeValue.fromN("0"));
        lease.put("startingHashKey", AttributeValue.fromS(shard.hashKeyRange().startingHashKey()));
        lease.put("endingHashKey", AttributeValue.fromS(shard.hashKeyRange().endingHashKey()));
        lease.put("entityType", AttributeValue.fromS("LEASE"));
        leases.putItem(r -> r.tableName(application).item(lease));
      }
    }
    return application;
  }

  /** A source of {@code stream} in {@code application} with settings that make a test quick, not a production's. */
  static KinesisChangeSource.Builder quickSource(String stream, String application) {
    return KinesisChangeSource.builder(kinesis(), dynamoDb())
        .streamName(stream)
        .applicationName(application)
        .failoverTime(Duration.ofSeconds(2))
        .leaderFailoverTime(Duration.ofSeconds(6))
        .shardSyncInterval(Duration.ofSeconds(1))
        .parentShardPollInterval(Duration.ofMillis(500))
        .idleTimeBetweenReads(Duration.ofMillis(200))
        .workerUtilizationMetrics(false)
        .shutdownTimeout(Duration.ofSeconds(15));
  }

  /** Puts records (partition key, data) in this order; returns when Kinesis holds every one. */
  static void put(String stream, List<Map.Entry<String, byte[]>> records) {
    try (KinesisClient client = KinesisStreams.client(TestServers.kinesisLocal())) {
      for (int from = 0; from < records.size(); from += 500) {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (Map.Entry<String, byte[]> record : records.subList(from, Math.min(records.size(), from + 500))) {
          batch.add(PutRecordsRequestEntry.builder().partitionKey(record.getKey())
              .data(SdkBytes.fromByteArray(record.getValue())).build());
        }
        PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
          throw new IllegalStateException(response.failedRecordCount() + " records were not put into " + stream);
        }
      }
    }
  }

  static KinesisLocal kinesisLocal() {
    return TestServers.kinesisLocal();
  }
}
