package io.cdcaudit.influx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.tck.MutableClock;
import io.cdcaudit.tck.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The Grafana dashboard's queries, as the dashboard JSON holds them, run against the real influxd with Grafana's
 * macros filled in, over records in two retention policies.
 */
@DisplayName("The Grafana dashboard")
class GrafanaDashboardTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final Path SHIPPED = Path.of("grafana", "cdc-audit-dashboard.json");

  private InfluxAuditStore store;

  @AfterEach
  void drop() {
    if (store != null) {
      SharedInflux.drop(store);
    }
  }

  @Test
  @DisplayName("counts changes per table, operation and actor, lists the latest and annotates each, over every policy")
  void queriesReturnTheCounts() throws IOException {
    Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
    store = SharedInflux.emptyStore(b -> b.clock(MutableClock.at(start.plusSeconds(3600)))
        .expiringPolicy("days_30", Duration.ofDays(30)));
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {   // 3 kept, 2 in days_30
      records.add(TestRecords.row("shop.orders", i).insert(Row.builder().put("id", i).put("total", 10 * i).build())
          .actor("alice").at(start.plusSeconds(i))
          .retention(i < 3 ? Retention.forever() : Retention.until(start.plus(Duration.ofDays(10)))).build());
    }
    for (int i = 0; i < 3; i++) {   // held
      records.add(TestRecords.row("shop.customers", i).update(Row.builder().put("id", i).put("tier", "a").build(),
          Row.builder().put("id", i).put("tier", "b").build()).actor("bob").at(start.plusSeconds(10 + i))
          .legalHold().build());
    }
    for (int i = 0; i < 2; i++) {   // nobody known
      records.add(TestRecords.row("shop.customers", 10 + i).delete(Row.builder().put("id", 10 + i).build())
          .actor(Actor.UNKNOWN).at(start.plusSeconds(20 + i)).build());
    }
    store.append(records);
    JsonNode dashboard = JSON.readTree(GrafanaDashboard.of(store).toJson());
    String timeFilter = "time >= " + start.minusSeconds(60).toEpochMilli() + "ms AND time < "
        + start.plusSeconds(600).toEpochMilli() + "ms";

    assertThat(sums(panelQuery(dashboard, "Changes per table"), timeFilter, "database", "table"))
        .containsOnly(entry("shop/orders", 5L), entry("shop/customers", 5L));
    assertThat(sums(panelQuery(dashboard, "Changes per operation"), timeFilter, "operation"))
        .containsOnly(entry("insert", 5L), entry("update", 3L), entry("delete", 2L));
    assertThat(sums(panelQuery(dashboard, "Changes per actor"), timeFilter, "actor_kind", "actor"))
        .containsOnly(entry("sql_comment/alice", 5L), entry("sql_comment/bob", 3L), entry("unknown/", 2L));

    List<JsonNode> latest = rows(panelQuery(dashboard, "Latest changes"), timeFilter);
    assertThat(latest).hasSize(10);
    assertThat(latest.get(0).toString()).contains("shop", "customers", "delete");
    List<JsonNode> annotations = rows(dashboard.path("annotations").path("list").path(0).path("query").asText(),
        timeFilter);
    assertThat(annotations).hasSize(10);
    assertThat(annotations.toString()).contains("tier", "\\\"a\\\"");
  }

  @Test
  @DisplayName("ships as grafana/cdc-audit-dashboard.json for a store with the default settings")
  void shippedFileIsCurrent() throws IOException {
    String current = GrafanaDashboard.of(InfluxAuditStore.builder(SharedInflux.client()).build()).toJson();
    Path rendered = Path.of("target", "cdc-audit-dashboard.json");
    Files.writeString(rendered, current);
    assertThat(Files.readString(SHIPPED)).as("the shipped dashboard; if the queries changed on purpose, copy "
        + rendered + " to " + SHIPPED).isEqualTo(current);
  }

  private static String panelQuery(JsonNode dashboard, String title) {
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("title").asText().equals(title)) {
        return panel.path("targets").path(0).path("query").asText();
      }
    }
    throw new AssertionError("no panel " + title);
  }

  /** The query's counts summed over its intervals, per group (tag values joined by '/'). */
  private Map<String, Long> sums(String query, String timeFilter, String... tags) throws IOException {
    Map<String, Long> sums = new TreeMap<>();
    JsonNode result = run(query, timeFilter);
    for (JsonNode series : result.path("series")) {
      List<String> group = new ArrayList<>();
      for (String tag : tags) {
        group.add(series.path("tags").path(tag).asText());
      }
      long sum = 0;
      for (JsonNode values : series.path("values")) {
        sum += values.get(1).asLong();
      }
      if (sum > 0) {
        sums.merge(String.join("/", group), sum, Long::sum);
      }
    }
    return sums;
  }

  private List<JsonNode> rows(String query, String timeFilter) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode series : run(query, timeFilter).path("series")) {
      series.path("values").forEach(rows::add);
    }
    return rows;
  }

  private JsonNode run(String query, String timeFilter) throws IOException {
    String influxQl = query.replace("$timeFilter", timeFilter).replace("$__interval", "1m");
    JsonNode result = JSON.readTree(SharedInflux.server().query(influxQl, store.database())).path("results").path(0);
    assertThat(result.has("error")).as(influxQl + " -> " + result).isFalse();
    return result;
  }
}
