package io.cdcaudit.influx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.write.Point;
import io.cdcaudit.event.Row;
import io.cdcaudit.influx.internal.InfluxHttp;
import io.cdcaudit.influx.internal.PointLayout;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.TestRecords;
import io.cdcaudit.testservers.QuestDbServer;
import io.cdcaudit.testservers.TestServers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link WriteProtocol#V2} write path: the store's points for real records, written through the client library's
 * blocking write API to {@code /api/v2/write}, arrive whole at a v2-compatible endpoint. No InfluxDB 2.x can be had on
 * these machines: QuestDB 9.3.4 takes v2 line-protocol writes and is read back through its SQL, so this checks the
 * write path (endpoint, line protocol, escaping, types), not InfluxQL.
 */
@DisplayName("The V2 write path delivers the store's points to /api/v2/write (QuestDB 9.3.4)")
class V2WritesTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  @Test
  @DisplayName("every tag and field of every point arrives as written, odd names and large values included")
  void pointsArrive() throws IOException {
    QuestDbServer quest = TestServers.questDb();
    String measurement = "changes_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    Instant t0 = Instant.parse("2026-11-02T09:15:00.123456Z");
    List<AuditRecord> records = new ArrayList<>();
    records.add(TestRecords.row("shop.orders", 1).insert(Row.builder().put("id", 1).put("note", "a \"quoted\", comma,"
        + " = sign\nand a newline").build()).actor("alice").transaction("tx-9").at(t0).build());
    records.add(TestRecords.row("shop.order items", 2).update(Row.builder().put("id", 2).put("qty", 1).build(),
        Row.builder().put("id", 2).put("qty", 3).build()).actor("svc,billing=x y").at(t0).build());
    records.add(TestRecords.row("shop.notes", 3).insert(Row.builder().put("id", 3).put("body", "x".repeat(100_000))
        .build()).at(t0.plusSeconds(1)).legalHold().build());
    PointLayout layout = new PointLayout(measurement, true);
    List<Point> points = new ArrayList<>();
    Map<String, AuditRecord> byId = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      AuditRecord r = records.get(i);
      points.add(layout.point(r, AuditRecordJson.toText(r), "maxwell/" + i, PointLayout.micros(
          r.event().committedAt()) * 1000 + i));
      byId.put(r.id().value(), r);
    }

    try (InfluxDBClient client = SharedInflux.clientFor(quest.url())) {
      new InfluxHttp(client, "audit", true, "-").write("autogen", points);
    }

    List<Map<String, JsonNode>> rows = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      rows.clear();
      rows.addAll(select(quest, "SELECT * FROM '" + measurement + "'"));
      assertThat(rows).hasSize(3);
    });
    for (Map<String, JsonNode> row : rows) {
      AuditRecord sent = byId.get(row.get("event_id").asText());
      assertThat(sent).as("a point of an id that was written: " + row.get("event_id")).isNotNull();
      assertThat(AuditRecordJson.fromText(row.get("record").asText())).isEqualTo(sent);
      assertThat(row.get("database").asText()).isEqualTo(sent.event().table().database());
      assertThat(row.get("table").asText()).isEqualTo(sent.event().table().table());
      assertThat(row.get("operation").asText()).isEqualTo(sent.event().operation().name().toLowerCase());
      assertThat(row.get("sort_key").asText()).isEqualTo(sent.sortKey());
      assertThat(row.get("commit_us").asLong()).isEqualTo(PointLayout.micros(sent.event().committedAt()));
      assertThat(row.get("held").asBoolean()).isEqualTo(sent.retention().legalHold());
      assertThat(row.get("tx_id").asText()).isEqualTo(sent.event().transaction().map(tx -> tx.id()).orElse(""));
      String actor = sent.actor().name();
      assertThat(row.get("actor_name").asText()).isEqualTo(actor == null ? "" : actor);
      if (actor != null) {
        assertThat(row.get("actor").asText()).isEqualTo(actor);
      }
      assertThat(row.get("lane").asText()).startsWith("maxwell/");
    }
  }

  private static List<Map<String, JsonNode>> select(QuestDbServer quest, String sql) throws IOException {
    JsonNode answer = JSON.readTree(quest.exec(sql));
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    if (!answer.has("dataset")) {
      return rows;   // the table does not exist yet
    }
    List<String> columns = new ArrayList<>();
    answer.path("columns").forEach(c -> columns.add(c.path("name").asText()));
    for (JsonNode values : answer.path("dataset")) {
      Map<String, JsonNode> row = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        row.put(columns.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }
}
