package io.cdcaudit.testservers;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producers for tests and benchmarks against a test broker, with the settings those runs proved. Needs
 * {@code org.apache.kafka:kafka-clients} on the caller's classpath (optional here).
 */
public final class KafkaProducers {

  private static final long SEND_TIMEOUT_SECONDS = 60;

  private KafkaProducers() {
  }

  /** A producer with the {@linkplain #settings proven settings}. */
  public static KafkaProducer<byte[], byte[]> create(String bootstrapServers) {
    return create(bootstrapServers, Map.of());
  }

  /**
   * A producer with the {@linkplain #settings proven settings} and {@code overrides} on top, for example
   * {@code max.request.size} for large records, or {@code delivery.timeout.ms} to ride out a broker restart.
   */
  public static KafkaProducer<byte[], byte[]> create(String bootstrapServers, Map<String, Object> overrides) {
    Map<String, Object> props = settings(bootstrapServers);
    props.putAll(overrides);
    return new KafkaProducer<>(props);
  }

  /**
   * The settings of {@link #create}, as a mutable map:
   * <ul>
   *   <li>{@code acks=all}: a record a test has sent is in the log, so a test can wait for it to come out;</li>
   *   <li>{@code enable.idempotence=false}: on a just-created topic of a loaded single-node broker, the idempotent
   *       producer was seen stuck retrying its first batch ({@code OutOfOrderSequenceException}) until the batch
   *       expired, failing the test;</li>
   *   <li>{@code max.in.flight.requests.per.connection=1}: without idempotence, the one way a retry cannot reorder
   *       records; a retried duplicate is what a real producer (Maxwell, Debezium) delivers too, and the pipeline
   *       stores each event once;</li>
   *   <li>{@code linger.ms=5}: a test's sends of a loop share a batch, yet a single send is not held back;</li>
   *   <li>byte-array keys and values: tests send raw event bytes, as Maxwell and Debezium do.</li>
   * </ul>
   */
  public static Map<String, Object> settings(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  /**
   * Sends one record and waits for its acknowledgement (at most 60 s).
   *
   * @param producer a producer of {@link #create}
   * @param topic where to
   * @param key the key, or {@code null}
   * @param value the value, or {@code null} for a tombstone
   * @throws IllegalStateException when the broker does not acknowledge it
   */
  public static void sendAndWait(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    }
  }
}
