package io.cdcaudit.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.testservers.KclLeaseTables;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@DisplayName("The Kinesis source under backpressure")
class KinesisBackpressureTest {

  @Test
  @DisplayName("paused with full shard queues for five failover times: keeps its leases, then delivers everything exactly once")
  void pausedKeepsLeases() {
    String stream = Emulators.stream("pause", 2);
    String application = Emulators.seededApplication("pause", stream);
    Emulators.put(stream, IntStream.range(0, 200)
        .mapToObj(n -> Map.entry("key-" + (n % 7), ("paused-" + n).getBytes(StandardCharsets.UTF_8))).toList());

    try (KinesisChangeSource source = Emulators.quickSource(stream, application)
        .workerId("patient")
        .queueCapacityPerShard(10)
        .build()) {
      List<String> received = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        received.addAll(acknowledged(source, source.poll(Duration.ofMillis(200))));
      }
      assertThat(received).as("first records").isNotEmpty();

      source.pause();
      long pauseEnd = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // failover time 2 s
      while (System.nanoTime() < pauseEnd) {
        assertThat(source.poll(Duration.ofMillis(200))).as("nothing while paused").isEmpty();
      }
      assertThat(leaseOwners(application)).as("every shard's lease after the pause").containsOnly("patient").hasSize(2);
      source.resume();

      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.size() < 200 && System.nanoTime() < deadline) {
        received.addAll(acknowledged(source, source.poll(Duration.ofMillis(200))));
      }
      assertThat(received).as("every record, none twice (a lost lease would read some again)")
          .hasSize(200).doesNotHaveDuplicates();
    }
  }

  private static List<String> acknowledged(KinesisChangeSource source, List<SourceMessage> batch) {
    source.acknowledge(batch);
    return batch.stream().map(m -> new String(m.value(), StandardCharsets.UTF_8)).toList();
  }

  private static List<String> leaseOwners(String application) {
    try (DynamoDbClient client = KclLeaseTables.client(TestServers.dynalite())) {
      return client.scan(r -> r.tableName(application)).items().stream()
          .filter(item -> item.containsKey("checkpoint"))
          .map(item -> item.getOrDefault(KclLeaseTables.LEASE_OWNER, AttributeValue.fromS("none")).s())
          .toList();
    }
  }
}
