package io.cdcaudit.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.kafka.KafkaChangeSource;
import io.cdcaudit.kafka.KafkaDeadLetterSink;
import io.cdcaudit.mongo.MongoAuditStore;
import io.cdcaudit.pipeline.AuditPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An audit pipeline in a JVM of its own (Kafka -> MongoDB here, Kinesis -> MongoDB in
 * {@link KinesisPipelineMain}, Kafka -> S3 in {@link S3PipelineMain}), so that fault tests can kill it with SIGKILL
 * at any moment. Started by
 * {@link #launch}; runs until killed.
 */
public final class PipelineProcess implements AutoCloseable {

  private final Process process;

  private PipelineProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts a pipeline JVM reading {@code topic} in consumer group {@code group} into the MongoDB at
   * {@code mongoUri}; its output goes to {@code log}.
   */
  static PipelineProcess launch(String bootstrapServers, String topic, String group, String mongoUri, Path log) throws IOException {
    return launch(PipelineProcess.class, log, bootstrapServers, topic, group, mongoUri);
  }

  /** Starts {@code main}'s {@code main(String[])} in a JVM of its own with this test's class path; output to {@code log}. */
  static PipelineProcess launch(Class<?> main, Path log, String... args) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
        "-Daws.disableEc2Metadata=true", "-cp", classpath, main.getName()));
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new PipelineProcess(process);
  }

  /** Kills the JVM with SIGKILL: no shutdown hook, no graceful stop, no last commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the test is being stopped; the child is killed already
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    String bootstrapServers = args[0];
    String topic = args[1];
    String group = args[2];
    String mongoUri = args[3];
    MongoClient client = MongoClients.create(mongoUri);
    MongoAuditStore store = MongoAuditStore.builder(client, AuditMongo.DATABASE).build();
    AuditPipeline pipeline = AuditPipeline.builder()
        .name("killable")
        .source(KafkaChangeSource.builder()
            .bootstrapServers(bootstrapServers)
            .groupId(group)
            .topics(topic)
            .property("session.timeout.ms", 6_000)
            .property("heartbeat.interval.ms", 500)
            .build())
        .decoder(ChangeDecoders.auto())
        .store(store)
        .deadLetters(KafkaDeadLetterSink.builder().bootstrapServers(bootstrapServers).topic(topic + ".dlq").build())
        .pollTimeout(Duration.ofMillis(100))
        .build();
    pipeline.start();
    System.out.println("pipeline started");
    new CountDownLatch(1).await();
  }
}
