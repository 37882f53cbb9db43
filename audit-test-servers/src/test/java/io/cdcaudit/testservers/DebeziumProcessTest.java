package io.cdcaudit.testservers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DebeziumProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPDATE = "/* actor='alice' */ UPDATE customers SET balance = 12.75, updated_by = 'alice' WHERE id = 1";

  private static KafkaBroker kafka;
  private static MariaDbServer db;

  @BeforeAll
  static void servers() {
    kafka = TestServers.kafka();
    db = TestServers.mariaDb();
  }

  @Test
  void produces_creates_updates_deletes_and_tombstones_to_per_table_topics() {
    String database = db.createDatabase("debezium_it");
    long started = System.nanoTime();
    try (DebeziumProcess debezium = DebeziumProcess.start(db, kafka, Map.of(
        "name", "it-tables", "topic.prefix", "dbzit", "database.include.list", database))) {
      System.err.printf("Debezium ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
      db.execute(database,
          "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, balance DECIMAL(10,2),"
              + " updated_by VARCHAR(32))",
          "INSERT INTO customers VALUES (1, 'Alice', 10.50, NULL)",
          UPDATE,
          "DELETE FROM customers WHERE id = 1 /* actor='bob' */");

      String topic = debezium.topicFor(database, "customers");
      assertThat(topic).isEqualTo("dbzit.debezium_it.customers");
      List<ConsumerRecord<String, String>> records = awaitRecords(topic, 4);

      assertThat(records).hasSize(4);
      assertThat(records).extracting(ConsumerRecord::key).containsOnly("{\"id\":1}");
      JsonNode create = json(records.get(0).value());
      JsonNode update = json(records.get(1).value());
      JsonNode delete = json(records.get(2).value());
      assertThat(records.get(3).value()).as("the tombstone after the delete").isNull();

      assertThat(create.get("op").asText()).isEqualTo("c");
      assertThat(create.get("before").isNull()).isTrue();
      assertThat(create.get("after").get("name").asText()).isEqualTo("Alice");
      assertThat(create.get("after").get("balance").asText()).as("decimal.handling.mode=string").isEqualTo("10.50");
      assertThat(create.get("source").get("db").asText()).isEqualTo(database);
      assertThat(create.get("source").get("table").asText()).isEqualTo("customers");
      assertThat(create.get("source").get("query").asText()).isEqualTo("INSERT INTO customers VALUES (1, 'Alice', 10.50, NULL)");

      assertThat(update.get("op").asText()).isEqualTo("u");
      assertThat(update.get("before").get("balance").asText()).isEqualTo("10.50");
      assertThat(update.get("after").get("balance").asText()).isEqualTo("12.75");
      assertThat(update.get("after").get("updated_by").asText()).isEqualTo("alice");
      assertThat(update.get("source").get("query").asText()).isEqualTo(UPDATE).contains("/* actor='alice' */");
      assertThat(update.get("source").get("gtid").asText()).matches("\\d+-1-\\d+");

      assertThat(delete.get("op").asText()).isEqualTo("d");
      assertThat(delete.get("after").isNull()).isTrue();
      assertThat(delete.get("before").get("updated_by").asText()).isEqualTo("alice");
      assertThat(delete.get("source").get("query").asText()).contains("/* actor='bob' */");

      List<ConsumerRecord<String, String>> schemaChanges = awaitRecords("dbzit", 1);
      assertThat(schemaChanges).extracting(ConsumerRecord::key).contains("{\"databaseName\":\"debezium_it\"}");
      assertThat(schemaChanges.stream().map(r -> json(r.value()).path("ddl").asText()))
          .anyMatch(ddl -> ddl.startsWith("CREATE TABLE customers"));
    }
  }

  @Test
  void produces_to_one_topic_and_resumes_from_its_offsets_after_a_restart() {
    String database = db.createDatabase("debezium_resume_it");
    db.execute(database, "CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(32))");
    String topic = "dbz-single-it";
    try (DebeziumProcess debezium = DebeziumProcess.start(db, kafka, Map.of(
        "name", "it-single", "topic.prefix", "dbzsingle", "database.include.list", database,
        DebeziumProcess.TOPIC, topic))) {
      assertThat(debezium.topicFor(database, "items")).isEqualTo(topic);
      db.execute(database, "INSERT INTO items VALUES (10, 'before stop')");
      await("the first insert").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
          .until(() -> rowLabels(topic), labels -> labels.contains("before stop"));

      debezium.stop();
      assertThat(debezium.isRunning()).isFalse();
      assertThat(debezium.stateDir().resolve("offsets.dat")).isNotEmptyFile();
      db.execute(database, "INSERT INTO items VALUES (11, 'while stopped')");
      debezium.restart();
      db.execute(database, "INSERT INTO items VALUES (12, 'after restart')");

      List<String> labels = await("the inserts made while stopped and after the restart")
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
          .until(() -> rowLabels(topic), l -> l.contains("after restart"));
      assertThat(labels).containsExactly("before stop", "while stopped", "after restart");
      assertThat(KafkaTopics.readAll(kafka, topic)).extracting(ConsumerRecord::key)
          .as("schema changes go to the same topic").contains("{\"databaseName\":\"debezium_resume_it\"}");
    }
  }

  /** Waits until {@code topic} holds at least {@code count} records, and returns them all. */
  private static List<ConsumerRecord<String, String>> awaitRecords(String topic, int count) {
    return await("at least " + count + " records on " + topic)
        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
        .until(() -> KafkaTopics.readAll(kafka, topic), records -> records.size() >= count);
  }

  /** The after.label of every row event on the topic, in order (one partition per key; ids ascend). */
  private static List<String> rowLabels(String topic) {
    return KafkaTopics.readAll(kafka, topic).stream()
        .filter(r -> r.value() != null)
        .map(r -> json(r.value()))
        .filter(v -> v.has("op"))
        .sorted((a, b) -> Integer.compare(a.get("after").get("id").asInt(), b.get("after").get("id").asInt()))
        .map(v -> v.get("after").get("label").asText())
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
