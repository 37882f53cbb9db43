package io.cdcaudit.kafka;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.tck.source.OrderedChangeSourceContract;
import io.cdcaudit.tck.source.SourceHarness;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaProducers;
import io.cdcaudit.testservers.KafkaTopics;
import io.cdcaudit.testservers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The Kafka source passes the source contract on a real broker")
class KafkaChangeSourceContractTest extends OrderedChangeSourceContract {

  @Override
  protected SourceHarness createHarness() {
    KafkaBroker broker = TestServers.kafka();
    String topic = KafkaTopics.createUnique(broker, "contract", 4);
    String group = "contract-" + UUID.randomUUID();
    KafkaProducer<byte[], byte[]> producer = KafkaProducers.create(broker.bootstrapServers());
    return new SourceHarness() {
      @Override
      public void publish(List<Message> messages) {
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (Message m : messages) {
          sent.add(producer.send(new ProducerRecord<>(topic, m.key().getBytes(StandardCharsets.UTF_8), m.value())));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> f : sent) {
          try {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("a test message was not published", e);
          }
        }
      }

      @Override
      public ChangeSource openSource() {
        return QuickSources.source(broker, group, topic);
      }

      @Override
      public ChangeSource openRefusedSource() {
        // SASL against the broker's plaintext listener: the broker refuses the handshake, as it
        // refuses wrong credentials.
        return KafkaChangeSource.builder()
            .bootstrapServers(broker.bootstrapServers())
            .groupId(group)
            .topics(topic)
            .property("security.protocol", "SASL_PLAINTEXT")
            .property("sasl.mechanism", "PLAIN")
            .property("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"audit\" password=\"wrong\";")
            .build();
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
