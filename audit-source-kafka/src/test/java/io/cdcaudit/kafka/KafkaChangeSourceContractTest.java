package io.cdcaudit.kafka;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.tck.source.ChangeSourceContract;
import io.cdcaudit.tck.source.SourceHarness;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The Kafka source passes the source contract on a real broker")
class KafkaChangeSourceContractTest extends ChangeSourceContract {

  @Override
  protected SourceHarness createHarness() {
    KafkaBroker broker = TestServers.kafka();
    String topic = KafkaTopics.create(broker, "contract", 4);
    String group = "contract-" + UUID.randomUUID();
    KafkaProducer<byte[], byte[]> producer = KafkaTopics.producer(broker);
    return new SourceHarness() {
      @Override
      public void publish(List<Message> messages) {
        for (Message m : messages) {
          producer.send(new ProducerRecord<>(topic, m.key().getBytes(StandardCharsets.UTF_8), m.value()));
        }
        producer.flush();
      }

      @Override
      public ChangeSource openSource() {
        return KafkaTopics.source(broker, group, topic);
      }

      @Override
      public boolean ordered() {
        return true;
      }

      @Override
      public boolean deliversNullValues() {
        return true;
      }

      @Override
      public Duration quietPeriod() {
        return Duration.ofSeconds(2);
      }

      @Override
      public void close() {
        producer.close();
      }
    };
  }
}
