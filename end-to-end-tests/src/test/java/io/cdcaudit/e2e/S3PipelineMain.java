package io.cdcaudit.e2e;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.s3.S3AuditStore;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An audit pipeline from a Kafka topic into an {@link S3AuditStore} on an S3 emulator, run by
 * {@link PipelineProcess#launch(Class, java.nio.file.Path, String...)} so that fault tests can kill it.
 * Arguments: bootstrap servers, topic, consumer group, S3 endpoint, bucket; the store writes under
 * {@link AuditBucket#PREFIX}. Dead letters stay in this JVM: the synthetic events have none, and one would show
 * as a missing record.
 */
public final class S3PipelineMain {

  private S3PipelineMain() {}

  public static void main(String[] args) throws InterruptedException {
    String bootstrapServers = args[0];
    String topic = args[1];
    String group = args[2];
    S3Client s3 = client(URI.create(args[3]));
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    AuditPipeline pipeline = AuditPipeline.builder()
        .name("killable-s3")
        .source(KafkaChangeSource.builder()
            .bootstrapServers(bootstrapServers)
            .groupId(group)
            .topics(topic)
            .property("session.timeout.ms", 6_000)
            .property("heartbeat.interval.ms", 500)
            .build())
        .decoder(ChangeDecoders.auto())
        .store(S3AuditStore.builder(s3).bucket(args[4]).prefix(AuditBucket.PREFIX).build())
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

  /** A client of the emulator as S3Buckets makes one: path-style, dummy credentials, the Apache 5 HTTP client. */
  static S3Client client(URI endpoint) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }
}
