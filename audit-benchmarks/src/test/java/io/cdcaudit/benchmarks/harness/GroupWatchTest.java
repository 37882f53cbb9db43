package io.cdcaudit.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.TestServers;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The benchmark's group watch")
class GroupWatchTest {

  @Test
  @DisplayName("waits for a group the broker does not know yet instead of failing with GroupIdNotFoundException")
  void waitsForTheGroupToExist() throws Exception {
    KafkaBroker broker = TestServers.kafka();
    String topic = "watch-" + System.nanoTime();
    String group = topic + "-group";
    BenchKafka.createTopic(broker.bootstrapServers(), topic);

    GroupWatch watch = GroupWatch.start(broker.bootstrapServers(), group, CpuClock.of(List.of()));
    try {
      // The broker has been asked a few times while the group does not exist.
      await().atMost(Duration.ofSeconds(30)).until(() -> watch.describes() >= 3);
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(BenchKafka.plainConsumerProperties(broker.bootstrapServers(), group))) {
        consumer.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          consumer.poll(Duration.ofMillis(100));
          return consumer.assignment().size() == BenchKafka.PARTITIONS;
        });
        assertThat(watch.assignedAtAsSeen()).isNotNull();
      }
    } finally {
      watch.close();
      GroupWatch.closeAll();
    }
  }
}
