package io.cdcaudit.testservers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MaxwellProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static KafkaBroker kafka;
  private static MariaDbServer db;

  @BeforeAll
  static void servers() {
    kafka = TestServers.kafka();
    db = TestServers.mariaDb();
  }

  @Test
  void produces_row_events_of_an_insert_an_update_and_a_delete_to_kafka() {
    String database = db.createDatabase("maxwell_it");
    String topic = "maxwell-it";
    KafkaTopics.create(kafka.bootstrapServers(), topic, 4, Map.of());
    long started = System.nanoTime();
    try (MaxwellProcess maxwell = MaxwellProcess.start(db, kafka, topic, "it-kafka", MaxwellProcess.FULL_OUTPUT)) {
      System.err.printf("Maxwell (kafka) ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
      assertThat(maxwell.isRunning()).isTrue();
      db.execute(database,
          "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, balance DECIMAL(10,2),"
              + " updated_by VARCHAR(32))",
          "INSERT INTO customers VALUES (1, 'Alice', 10.50, NULL)",
          "/* actor='alice' */ UPDATE customers SET balance = 12.75, updated_by = 'alice' WHERE id = 1",
          "DELETE FROM customers WHERE id = 1 /* actor='bob' */");

      List<ConsumerRecord<String, String>> records = await("Maxwell's insert, update and delete")
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
          .until(() -> rowEvents(KafkaTopics.readAll(kafka, topic), database), r -> r.size() >= 3);

      assertThat(records).hasSize(3);
      JsonNode insert = json(records.get(0).value());
      JsonNode update = json(records.get(1).value());
      JsonNode delete = json(records.get(2).value());

      assertThat(insert.get("type").asText()).isEqualTo("insert");
      assertThat(insert.get("table").asText()).isEqualTo("customers");
      assertThat(insert.get("data").get("id").asInt()).isEqualTo(1);
      assertThat(insert.get("data").get("name").asText()).isEqualTo("Alice");
      assertThat(insert.get("data").get("balance").decimalValue()).isEqualByComparingTo(new BigDecimal("10.50"));
      assertThat(insert.get("data").get("updated_by").isNull()).isTrue();
      assertThat(insert.has("old")).isFalse();
      assertThat(insert.get("xid").isNumber()).isTrue();
      assertThat(insert.get("commit").asBoolean()).isTrue();
      assertThat(insert.get("position").asText()).startsWith("mysql-bin.");
      assertThat(insert.get("server_id").asInt()).isEqualTo(1);
      assertThat(insert.get("primary_key_columns").toString()).isEqualTo("[\"id\"]");
      assertThat(records.get(0).value()).contains("\"balance\":10.50");

      assertThat(update.get("type").asText()).isEqualTo("update");
      assertThat(update.get("data").get("balance").decimalValue()).isEqualByComparingTo(new BigDecimal("12.75"));
      assertThat(update.get("data").get("updated_by").asText()).isEqualTo("alice");
      assertThat(update.get("old").get("balance").decimalValue()).isEqualByComparingTo(new BigDecimal("10.50"));
      assertThat(update.get("old").has("updated_by")).isTrue();
      assertThat(update.get("old").get("updated_by").isNull()).isTrue();
      assertThat(update.get("old").has("name")).isFalse();

      assertThat(delete.get("type").asText()).isEqualTo("delete");
      assertThat(delete.get("data").get("id").asInt()).isEqualTo(1);
      assertThat(delete.get("data").get("updated_by").asText()).isEqualTo("alice");

      for (ConsumerRecord<String, String> record : records) {
        assertThat(record.key()).isEqualTo("{\"database\":\"maxwell_it\",\"table\":\"customers\",\"pk.id\":1}");
      }
      assertThat(rowEvents(KafkaTopics.readAll(kafka, topic), database).stream().map(r -> json(r.value()))
          .filter(e -> e.has("type")).map(e -> e.get("type").asText()))
          .doesNotContain("bootstrap-start");
      assertThat(KafkaTopics.readAll(kafka, topic).stream().map(r -> json(r.value()))
          .filter(e -> "table-create".equals(e.path("type").asText()))
          .filter(e -> database.equals(e.path("database").asText())))
          .as("output_ddl=true gives the CREATE TABLE").hasSize(1);
    }
  }

  @Test
  void writes_json_lines_to_a_file_with_the_stdout_producer() {
    String database = db.createDatabase("maxwell_stdout_it");
    try (MaxwellProcess maxwell = MaxwellProcess.startStdout(db, "it-stdout",
        Map.of("filter", "exclude: *.*, include: maxwell_stdout_it.*"))) {
      assertThat(maxwell.eventsFile()).isNotNull();
      db.execute(database, "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)",
          "INSERT INTO notes VALUES (7, 'hello')");

      List<String> events = await("the insert in " + maxwell.eventsFile())
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(maxwell::events, e -> !e.isEmpty());

      JsonNode insert = json(events.get(0));
      assertThat(insert.get("database").asText()).isEqualTo(database);
      assertThat(insert.get("type").asText()).isEqualTo("insert");
      assertThat(insert.get("data").get("body").asText()).isEqualTo("hello");
      assertThat(insert.has("position")).as("default output options").isFalse();
    }
  }

  private static List<ConsumerRecord<String, String>> rowEvents(List<ConsumerRecord<String, String>> records,
                                                                String database) {
    return records.stream()
        .filter(r -> {
          JsonNode event = json(r.value());
          return database.equals(event.path("database").asText())
              && List.of("insert", "update", "delete").contains(event.path("type").asText());
        })
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
