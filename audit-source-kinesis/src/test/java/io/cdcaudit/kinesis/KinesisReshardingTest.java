package io.cdcaudit.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.memory.InMemoryDeadLetterSink;
import io.cdcaudit.pipeline.AuditPipeline;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.testservers.KinesisStreams;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

@DisplayName("The Kinesis source across a shard split")
class KinesisReshardingTest {

  private static final int EVENTS = 2_000;
  private static final int ROWS = 50;

  @Test
  @DisplayName("a shard split mid-stream, with a backlog of the parent: nothing lost, every row's records stored in commit order")
  void splitMidStream() throws Exception {
    String stream = Emulators.stream("split", 1);
    String application = Emulators.seededApplication("split", stream);
    // The parent's records are stored slowly (25 ms each): when the shard ends, a backlog of them is still on its way
    // to the store, and a child started at once would store a row's later change before its earlier ones.
    StoreOrder store = new StoreOrder(new InMemoryAuditStore(), "shardId-000000000000", 25);
    InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    try (KinesisClient client = KinesisStreams.client(Emulators.kinesisLocal());
         AuditPipeline pipeline = AuditPipeline.builder()
             .source(Emulators.quickSource(stream, application).build())
             .decoder(ChangeDecoders.auto())
             .store(store)
             .deadLetters(deadLetters)
             .pollTimeout(Duration.ofMillis(100))
             .build()) {
      pipeline.start();
      Emulators.put(stream, events(0, EVENTS / 2));
      await().atMost(Duration.ofMinutes(1)).until(() -> store.size() >= EVENTS / 20);

      Shard parent = client.listShards(r -> r.streamName(stream)).shards().get(0);
      BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
      BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
      client.splitShard(r -> r.streamName(stream).shardToSplit(parent.shardId())
          .newStartingHashKey(start.add(end).shiftRight(1).toString()));
      await().atMost(Duration.ofSeconds(30)).until(() -> client.describeStreamSummary(r -> r.streamName(stream))
          .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
      Emulators.put(stream, events(EVENTS / 2, EVENTS));

      await().atMost(Duration.ofMinutes(2)).until(() -> store.size() >= EVENTS);
      assertThat(store.size()).isEqualTo(EVENTS);
      assertThat(deadLetters.letters()).isEmpty();
      Map<String, List<AuditRecord>> byRow = store.byRow();
      for (Map.Entry<String, List<AuditRecord>> row : byRow.entrySet()) {
        assertThat(row.getValue()).as("records of %s in the order stored", row.getKey())
            .extracting(r -> r.event().position().binlogOffset())
            .isSorted();
      }
      Set<String> shards = byRow.values().stream().flatMap(List::stream)
          .map(r -> r.event().origin().orElseThrow().partition().partition())
          .collect(Collectors.toSet());
      assertThat(shards).as("records came from the parent and from both children").hasSize(3);
      assertThat(byRow.values()).as("some row has records in the parent and in a child")
          .anySatisfy(records -> assertThat(records.stream()
              .map(r -> r.event().origin().orElseThrow().partition().partition()).distinct()).hasSizeGreaterThan(1));
    }
  }

  /**
   * Maxwell updates {@code from} to {@code to} of {@value #ROWS} rows, each row changed again every {@value #ROWS}
   * events (so that a row's changes fall on both sides of the split), keyed by row as Maxwell keys them: a row's
   * changes share a shard, and one of its children after the split.
   */
  private static List<Map.Entry<String, byte[]>> events(long from, long to) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    for (long n = from; n < to; n++) {
      long id = n % ROWS;
      String key = "{\"database\":\"shop\",\"table\":\"accounts\",\"pk.id\":" + id + "}";
      String event = "{\"database\":\"shop\",\"table\":\"accounts\",\"type\":\"update\",\"ts\":" + (1_795_000_000L + n)
          + ",\"xid\":" + (1000 + n) + ",\"commit\":true,\"position\":\"mysql-bin.000001:" + (4 + 100 * n)
          + "\",\"server_id\":1,\"thread_id\":0,\"primary_key\":[" + id + "],\"primary_key_columns\":[\"id\"],"
          + "\"data\":{\"id\":" + id + ",\"version\":" + n + "},\"old\":{\"version\":" + (n - ROWS) + "}}";
      out.add(Map.entry(key, event.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }
}
