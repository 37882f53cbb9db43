package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;

import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kinesis client helpers for a {@link KinesisLocal}: a client with the test settings, and a stream of a test's own
 * whose shards are all there. Needs the AWS SDK's {@code kinesis} and {@code apache5-client}.
 */
public final class KinesisStreams {

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

  private KinesisStreams() {
  }

  /**
   * A new sync client of {@code server}'s plain HTTP endpoint, which the caller closes: the Apache 5 HTTP client
   * (5 s connect, 30 s socket timeout), region {@code us-east-1}, static dummy credentials (nothing read from the
   * environment), the SDK's default protocol (CBOR: kinesis-mock speaks it, so {@code aws.cborEnabled} stays as is).
   */
  public static KinesisClient client(KinesisLocal server) {
    return AwsClients.build(KinesisClient.builder(), server.endpoint());
  }

  /**
   * Creates a provisioned stream {@code <prefix>-<8 hex>} with {@code shards} shards and waits (30 s at most) until it
   * is {@code ACTIVE} with all of them open; returns its name.
   */
  public static String createUnique(KinesisLocal server, String prefix, int shards) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (KinesisClient client = client(server)) {
      client.createStream(r -> r.streamName(name).shardCount(shards));
      awaitActive(client, name, shards);
    }
    return name;
  }

  private static void awaitActive(KinesisClient client, String name, int shards) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    StreamDescriptionSummary summary;
    do {
      summary = client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary();
      if (summary.streamStatus() == StreamStatus.ACTIVE && summary.openShardCount() == shards) {
        return;
      }
      sleep();
    } while (System.nanoTime() - deadline < 0);
    throw new IllegalStateException("stream " + name + " is not ACTIVE with " + shards + " open shards within "
        + ACTIVE_TIMEOUT.toSeconds() + " s: " + summary);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a stream", e);
    }
  }
}
