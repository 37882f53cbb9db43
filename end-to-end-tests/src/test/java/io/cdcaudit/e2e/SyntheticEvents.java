package io.cdcaudit.e2e;

import io.cdcaudit.tck.SyntheticMaxwellEvents;
import io.cdcaudit.testservers.KafkaBroker;
import io.cdcaudit.testservers.KafkaProducers;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The synthetic Maxwell events of audit-tck, sent to Kafka by the end-to-end fault tests. */
final class SyntheticEvents {

  private SyntheticEvents() {}

  /**
   * A producer with the settings of {@link KafkaProducers} that also rides out a broker restart: it retries for up
   * to three minutes, each request given up after 10 s. A retried duplicate in the topic is what Maxwell can
   * produce too; the store keeps one record per event id.
   */
  static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker) {
    return KafkaProducers.create(broker.bootstrapServers(), Map.of(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
  }

  /** Sends events {@code from} (inclusive) to {@code to} (exclusive), keyed as Maxwell keys them, and waits for every ack. */
  static void send(KafkaProducer<byte[], byte[]> producer, String topic, long from, long to) {
    for (long n = from; n < to; n++) {
      producer.send(new ProducerRecord<>(topic, SyntheticMaxwellEvents.key(n), SyntheticMaxwellEvents.event(n)), (meta, error) -> {
        if (error != null) {
          throw new IllegalStateException("a test event was not sent", error);
        }
      });
    }
    producer.flush();
  }
}
