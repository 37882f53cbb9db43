package io.cdcaudit.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.kinesis.KinesisChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.pipeline.AuditPipeline;
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
 * An audit pipeline from a Kinesis stream (kinesis-local, leases in dynalite) into MongoDB, run by
 * {@link PipelineProcess#launch(Class, java.nio.file.Path, String...)} so that fault tests can kill it.
 * Arguments: Kinesis endpoint, DynamoDB endpoint, stream, application, MongoDB URI, worker id.
 * Dead letters stay in this JVM: the synthetic events have none, and one would show as a missing record.
 */
public final class KinesisPipelineMain {

  private KinesisPipelineMain() {}

  public static void main(String[] args) throws InterruptedException {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));
    KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
        .endpointOverride(URI.create(args[0])).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder()
        .endpointOverride(URI.create(args[1])).region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    MongoClient mongo = MongoClients.create(args[4]);
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    AuditPipeline pipeline = AuditPipeline.builder()
        .name("killable-" + args[5])
        .source(KinesisChangeSource.builder(kinesis, dynamoDb)
            .streamName(args[2])
            .applicationName(args[3])
            .workerId(args[5])
            .failoverTime(Duration.ofSeconds(3))
            .leaderFailoverTime(Duration.ofSeconds(6))
            .shardSyncInterval(Duration.ofSeconds(1))
            .parentShardPollInterval(Duration.ofMillis(500))
            .idleTimeBetweenReads(Duration.ofMillis(200))
            .workerUtilizationMetrics(false)
            .build())
        .decoder(ChangeDecoders.auto())
        .store(MongoAuditStore.builder(mongo, AuditMongo.DATABASE).build())
        .deadLetters(deadLetters)
        .pollTimeout(Duration.ofMillis(100))
        .build();
    pipeline.start();
    System.out.println("pipeline started");
    while (true) {
      Thread.sleep(5_000);
      System.out.println("health " + pipeline.health() + ", dead letters " + deadLetters.letters().size());
    }
  }
}
