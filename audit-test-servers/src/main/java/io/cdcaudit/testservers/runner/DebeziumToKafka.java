package io.cdcaudit.testservers.runner;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the Debezium embedded engine ({@code DebeziumEngine.create(Json.class)}) and produces every change event to
 * Kafka: key bytes = the record key's JSON, value bytes = the record value's JSON, or null for a tombstone. Runs in
 * its own JVM on the classpath resolved from {@code servers/debezium/pom.xml} plus this module's classes (it
 * uses only the JDK, debezium-api and kafka-clients).
 *
 * <p>Offsets are marked processed only after Kafka acknowledged the batch (acks=all, flush, then every send's
 * future), so what the engine commits to its offset store is always in Kafka: at-least-once.
 *
 * <p>Usage: {@code DebeziumToKafka <properties file>}. Keys:
 * <ul>
 *   <li>{@code cdcaudit.topic}: produce everything to this one topic; absent: to each record's destination
 *       ({@code <topic.prefix>.<db>.<table>}, schema changes to {@code <topic.prefix>});</li>
 *   <li>{@code cdcaudit.producer.<setting>}: Kafka producer settings ({@code bootstrap.servers} at least);</li>
 *   <li>every other key is an engine/connector property.</li>
 * </ul>
 * Logs (stderr) {@value #STOPPED_LINE} when the engine stops; exits 1 when it stopped with an error.
 */
public final class DebeziumToKafka {

  public static final String TOPIC = "cdcaudit.topic";
  public static final String PRODUCER_PREFIX = "cdcaudit.producer.";
  public static final String STOPPED_LINE = "DebeziumToKafka: engine stopped";

  private DebeziumToKafka() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DebeziumToKafka <properties file>");
      System.exit(2);
    }
    Properties all = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      all.load(in);
    }
    Properties engineProperties = new Properties();
    Properties producerProperties = new Properties();
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    producerProperties.put(ProducerConfig.CLIENT_ID_CONFIG, "debezium-to-kafka");
    String topic = null;
    for (String key : all.stringPropertyNames()) {
      String value = all.getProperty(key);
      if (key.equals(TOPIC)) {
        topic = value.isBlank() ? null : value;
      } else if (key.startsWith(PRODUCER_PREFIX)) {
        producerProperties.put(key.substring(PRODUCER_PREFIX.length()), value);
      } else if (!key.startsWith("cdcaudit.")) {
        engineProperties.put(key, value);
      }
    }
    producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    AtomicBoolean shuttingDown = new AtomicBoolean();
    DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
        .using(engineProperties)
        .notifying(new ToKafka(producer, topic))
        .using((success, message, error) -> {
          System.err.println(STOPPED_LINE + ": success=" + success + ", " + message);
          if (error != null) {
            error.printStackTrace();
          }
          failed.set(!success);
          stopped.countDown();
        })
        .build();

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shuttingDown.set(true);
      try {
        engine.close(); // commits the offsets of what was acknowledged
        stopped.await(30, TimeUnit.SECONDS);
      } catch (IOException | InterruptedException e) {
        System.err.println("DebeziumToKafka: closing the engine failed: " + e);
      }
      producer.close(Duration.ofSeconds(10));
    }, "debezium-to-kafka-shutdown"));

    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-engine"));
    executor.execute(engine);
    stopped.await();
    if (!shuttingDown.get()) {
      // the engine stopped by itself: exit (hooks run), with 1 when it failed
      System.exit(failed.get() ? 1 : 0);
    }
  }

  /** Sends a batch, waits until Kafka acknowledged all of it, then marks it processed. */
  static final class ToKafka implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    ToKafka(KafkaProducer<byte[], byte[]> producer, String topic) {
      this.producer = producer;
      this.topic = topic;
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
        throws InterruptedException {
      List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
      for (ChangeEvent<String, String> record : records) {
        String destination = topic != null ? topic : record.destination();
        sends.add(producer.send(new ProducerRecord<>(destination, bytes(record.key()), bytes(record.value()))));
      }
      producer.flush();
      for (int i = 0; i < records.size(); i++) {
        try {
          sends.get(i).get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("Kafka did not acknowledge a change event; its offset is not"
              + " committed: " + e.getCause(), e.getCause());
        }
        committer.markProcessed(records.get(i));
      }
      committer.markBatchFinished();
    }

    @Override
    public boolean supportsTombstoneEvents() {
      return true;
    }

    private static byte[] bytes(String json) {
      return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }
  }
}
