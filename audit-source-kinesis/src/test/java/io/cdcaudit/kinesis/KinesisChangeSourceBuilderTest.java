package io.cdcaudit.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

@DisplayName("KinesisChangeSource.Builder fails fast, naming the setting and the bad value")
class KinesisChangeSourceBuilderTest {

  private static final KinesisAsyncClient KINESIS = KinesisAsyncClient.builder().region(Region.US_EAST_1).build();
  private static final DynamoDbAsyncClient DYNAMO_DB = DynamoDbAsyncClient.builder().region(Region.US_EAST_1).build();

  private static KinesisChangeSource.Builder valid() {
    return KinesisChangeSource.builder(KINESIS, DYNAMO_DB).streamName("orders").applicationName("orders-audit");
  }

  record Case(String setting, UnaryOperator<KinesisChangeSource.Builder> change, String message) {
    @Override
    public String toString() {
      return setting;
    }
  }

  static List<Case> badSettings() {
    return List.of(
        new Case("no stream", b -> b.streamName(null), "KinesisChangeSource.streamName must be 1 to 128 of a-z A-Z 0-9 _ . -, got none"),
        new Case("bad stream", b -> b.streamName("orders/eu"), "got 'orders/eu'"),
        new Case("no application", b -> b.applicationName(null), "KinesisChangeSource.applicationName (the lease table's name)"),
        new Case("short application", b -> b.applicationName("ab"), "got 'ab'"),
        new Case("blank worker", b -> b.workerId(" "), "KinesisChangeSource.workerId must not be blank"),
        new Case("queue", b -> b.queueCapacityPerShard(0), "KinesisChangeSource.queueCapacityPerShard must be 1 to 100000, got 0"),
        new Case("poll", b -> b.maxPollRecords(100_001), "KinesisChangeSource.maxPollRecords must be 1 to 100000, got 100001"),
        new Case("read", b -> b.maxRecordsPerRead(10_001), "KinesisChangeSource.maxRecordsPerRead must be 1 to 10000, got 10001"),
        new Case("idle", b -> b.idleTimeBetweenReads(Duration.ofMillis(100)), "KinesisChangeSource.idleTimeBetweenReads must be PT0.2S to PT1M, got PT0.1S"),
        new Case("failover", b -> b.failoverTime(Duration.ofMillis(500)), "KinesisChangeSource.failoverTime must be PT1S to PT10M, got PT0.5S"),
        new Case("leader", b -> b.leaderFailoverTime(Duration.ofSeconds(2)), "KinesisChangeSource.leaderFailoverTime must be PT4S to PT10M, got PT2S"),
        new Case("leader below failover", b -> b.failoverTime(Duration.ofSeconds(30)).leaderFailoverTime(Duration.ofSeconds(20)),
            "KinesisChangeSource.leaderFailoverTime (PT20S) must be at least the failoverTime (PT30S)"),
        new Case("sync", b -> b.shardSyncInterval(null), "KinesisChangeSource.shardSyncInterval must be PT1S to PT1H, got null"),
        new Case("parents", b -> b.parentShardPollInterval(Duration.ofMinutes(11)), "KinesisChangeSource.parentShardPollInterval must be PT0.1S to PT10M, got PT11M"),
        new Case("shutdown", b -> b.shutdownTimeout(Duration.ZERO), "KinesisChangeSource.shutdownTimeout must be PT1S to PT10M, got PT0S"),
        new Case("reachability", b -> b.reachabilityCheck(Duration.ofSeconds(-1)), "KinesisChangeSource.reachabilityCheck must be PT0S to PT1H, got PT-1S"));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  @DisplayName("refuses a bad setting")
  void refuses(Case bad) {
    assertThatThrownBy(() -> bad.change().apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad.message());
  }

  @Test
  @DisplayName("refuses missing clients")
  void clientsRequired() {
    assertThatThrownBy(() -> KinesisChangeSource.builder(null, DYNAMO_DB).streamName("s").applicationName("app").build())
        .hasMessageContaining("the KinesisAsyncClient is required");
    assertThatThrownBy(() -> KinesisChangeSource.builder(KINESIS, null).streamName("s").applicationName("app").build())
        .hasMessageContaining("the DynamoDbAsyncClient (lease table) is required");
  }

  @Test
  @DisplayName("builds with the defaults, connecting to nothing, and closes without having started")
  void defaults() {
    KinesisChangeSource source = valid().build();

    assertThat(source.toString()).contains("orders", "orders-audit");
    source.close();
    assertThatThrownBy(() -> source.poll(Duration.ofMillis(1))).isInstanceOf(IllegalStateException.class);
  }
}
