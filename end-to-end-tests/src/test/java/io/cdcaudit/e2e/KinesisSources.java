package io.cdcaudit.e2e;

import io.cdcaudit.kinesis.KinesisChangeSource;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Kinesis sources on kinesis-local with leases in dynalite, as the end-to-end tests use them: async
 * clients as the KCL needs them (Netty over HTTP/1.1, dummy credentials) and KCL timings that make a
 * take-over take seconds rather than minutes. The clients live as long as the JVM.
 */
final class KinesisSources {

  private KinesisSources() {}

  static KinesisChangeSource.Builder quick(URI kinesisEndpoint, URI dynamoDbEndpoint, String stream, String application) {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));
    KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
        .endpointOverride(kinesisEndpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder()
        .endpointOverride(dynamoDbEndpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    return KinesisChangeSource.builder(kinesis, dynamoDb)
        .streamName(stream)
        .applicationName(application)
        .failoverTime(Duration.ofSeconds(3))
        .leaderFailoverTime(Duration.ofSeconds(6))
        .shardSyncInterval(Duration.ofSeconds(1))
        .parentShardPollInterval(Duration.ofMillis(500))
        .idleTimeBetweenReads(Duration.ofMillis(200))
        .workerUtilizationMetrics(false);
  }
}
