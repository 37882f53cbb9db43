package io.cdcaudit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Two pipeline instances in one consumer group")
class ConsumerGroupTakeoverTest {

  private static final int EVENTS = 20_000;
  private static final Path LOGS = Path.of("target", "pipeline-processes");

  @Test
  @DisplayName("share the partitions; when one is killed the other takes over; nothing lost, nothing doubled")
  void shareAndTakeOver() throws Exception {
    KafkaBroker kafka = TestServers.kafka();
    String topic = KafkaTopics.createUnique(kafka, "group", 4);
    String group = "group-" + UUID.randomUUID();
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (AuditMongo mongo = AuditMongo.start();
         KafkaProducer<byte[], byte[]> producer = SyntheticEvents.producer(kafka);
         Admin admin = Admin.create(adminProps);
         PipelineProcess first = PipelineProcess.launch(kafka.bootstrapServers(), topic, group, mongo.uri(), LOGS.resolve("group-1.log"));
         PipelineProcess second = PipelineProcess.launch(kafka.bootstrapServers(), topic, group, mongo.uri(), LOGS.resolve("group-2.log"))) {

      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> partitionsPerMember(admin, group).size() == 2
          && partitionsPerMember(admin, group).stream().allMatch(n -> n == 2));

      SyntheticEvents.send(producer, topic, 0, EVENTS / 2);
      await().atMost(Duration.ofMinutes(2)).until(() -> mongo.store().count() >= EVENTS / 4);
      first.kill();
      SyntheticEvents.send(producer, topic, EVENTS / 2, EVENTS);

      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> partitionsPerMember(admin, group).equals(List.of(4)));
      await().atMost(Duration.ofMinutes(3)).until(() -> mongo.store().count() >= EVENTS);
      assertThat(second.isAlive()).isTrue();
      assertThat(mongo.store().count()).isEqualTo(EVENTS);
    }
  }

  /** How many partitions each live member of the group has. */
  private static List<Integer> partitionsPerMember(Admin admin, String group) throws Exception {
    Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
    return groups.get(group).members().stream()
        .map(MemberDescription::assignment)
        .map(a -> a.topicPartitions().size())
        .toList();
  }
}
