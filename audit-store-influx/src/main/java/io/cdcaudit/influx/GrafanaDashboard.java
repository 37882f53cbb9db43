package io.cdcaudit.influx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcaudit.influx.internal.InfluxQl;
import io.cdcaudit.influx.internal.PointLayout;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Grafana dashboard for a store's trail, on an InfluxDB data source with InfluxQL (the v1 query language; 2.x
 * through its v1 compatibility): changes over time per table, per operation and per actor, the latest changes as a
 * table, and an annotation per change that Grafana can lay over any other panel ("what changed in the config tables
 * just before the error rate rose").
 *
 * <p>Every query reads all of the store's retention policies: an inner query counts per policy, an outer one sums
 * what the policies hold of the same group, since InfluxQL has no union of policies otherwise. The module ships the
 * dashboard for a store with the default settings as {@code grafana/cdc-audit-dashboard.json}; a store with other
 * policies or another database gets its own from {@link #of(InfluxAuditStore)}.
 */
public final class GrafanaDashboard {

  /** The dashboard's data source variable: Grafana asks for an InfluxDB data source on import. */
  public static final String DATA_SOURCE = "${DS_INFLUXDB}";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<Panel> panels;
  private final String annotation;

  /** A panel: its title and the InfluxQL of its one query, with Grafana's {@code $timeFilter} and {@code $__interval}. */
  public record Panel(String title, String type, String query, String alias) {
  }

  private GrafanaDashboard(List<Panel> panels, String annotation) {
    this.panels = panels;
    this.annotation = annotation;
  }

  /**
   * The dashboard of {@code store}'s database, measurement and retention policies.
   *
   * @param store the store
   * @return the dashboard
   */
  public static GrafanaDashboard of(InfluxAuditStore store) {
    Objects.requireNonNull(store, "store");
    String sources = store.retentionPolicies().stream()
        .map(policy -> InfluxQl.from(store.database(), policy, store.measurement())).collect(Collectors.joining(", "));
    List<Panel> panels = new ArrayList<>();
    panels.add(new Panel("Changes per table", "timeseries", counts(sources, PointLayout.DATABASE, PointLayout.TABLE),
        "$tag_database.$tag_table"));
    panels.add(new Panel("Changes per operation", "timeseries", counts(sources, PointLayout.OPERATION),
        "$tag_operation"));
    panels.add(new Panel("Changes per actor", "timeseries", counts(sources, PointLayout.ACTOR_KIND,
        PointLayout.ACTOR), "$tag_actor ($tag_actor_kind)"));
    panels.add(new Panel("Latest changes", "table", "SELECT " + columns(PointLayout.DATABASE, PointLayout.TABLE,
        PointLayout.OPERATION, PointLayout.ACTOR_NAME, PointLayout.CHANGED, PointLayout.TX_ID, PointLayout.EVENT_ID)
        + " FROM (SELECT " + columns(PointLayout.DATABASE, PointLayout.TABLE, PointLayout.OPERATION,
        PointLayout.ACTOR_NAME, PointLayout.CHANGED, PointLayout.TX_ID, PointLayout.EVENT_ID) + " FROM " + sources
        + " WHERE $timeFilter) WHERE $timeFilter ORDER BY time DESC LIMIT 100", null));
    String annotation = "SELECT " + columns(PointLayout.CHANGED, PointLayout.ACTOR_NAME, PointLayout.DIFF,
        PointLayout.DATABASE, PointLayout.TABLE, PointLayout.OPERATION) + " FROM (SELECT "
        + columns(PointLayout.CHANGED, PointLayout.ACTOR_NAME, PointLayout.DIFF, PointLayout.DATABASE,
        PointLayout.TABLE, PointLayout.OPERATION) + " FROM " + sources + " WHERE $timeFilter) WHERE $timeFilter";
    return new GrafanaDashboard(List.copyOf(panels), annotation);
  }

  /** Counts per group and interval, summed over the policies. */
  private static String counts(String sources, String... groups) {
    String by = columns(groups);
    return "SELECT sum(\"n\") FROM (SELECT count(" + InfluxQl.ident(PointLayout.EVENT_ID) + ") AS \"n\" FROM "
        + sources + " WHERE $timeFilter GROUP BY time($__interval), " + by + ") WHERE $timeFilter GROUP BY "
        + "time($__interval), " + by + " fill(0)";
  }

  private static String columns(String... names) {
    List<String> quoted = new ArrayList<>();
    for (String name : names) {
      quoted.add(InfluxQl.ident(name));
    }
    return String.join(", ", quoted);
  }

  /**
   * The panels, in the dashboard's order.
   *
   * @return the panels
   */
  public List<Panel> panels() {
    return panels;
  }

  /**
   * The InfluxQL of the annotation: one per change, its text the changed columns, its tags database, table and
   * operation.
   *
   * @return the query
   */
  public String annotationQuery() {
    return annotation;
  }

  /**
   * The dashboard as Grafana imports it (Dashboards, New, Import), asking for the InfluxDB data source.
   *
   * @return the JSON
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode inputs = root.putArray("__inputs");
    inputs.addObject().put("name", "DS_INFLUXDB").put("label", "InfluxDB").put("type", "datasource")
        .put("pluginId", "influxdb").put("pluginName", "InfluxDB")
        .put("description", "The InfluxDB data source (InfluxQL) of the cdc-audit database");
    root.put("title", "cdc-audit: row changes");
    root.put("uid", "cdc-audit-changes");
    root.put("schemaVersion", 39);
    root.put("editable", true);
    root.putObject("time").put("from", "now-24h").put("to", "now");
    root.putArray("tags").add("cdc-audit").add("audit");

    ObjectNode annotations = root.putObject("annotations");
    ObjectNode changes = annotations.putArray("list").addObject();
    changes.put("name", "Row changes").put("enable", true).put("iconColor", "orange")
        .put("query", annotation).put("textColumn", PointLayout.CHANGED)
        .put("tagsColumn", PointLayout.DATABASE + "," + PointLayout.TABLE + "," + PointLayout.OPERATION);
    changes.putObject("datasource").put("type", "influxdb").put("uid", DATA_SOURCE);

    ArrayNode list = root.putArray("panels");
    int id = 1;
    for (Panel panel : panels) {
      ObjectNode p = list.addObject();
      p.put("id", id).put("type", panel.type()).put("title", panel.title());
      p.putObject("datasource").put("type", "influxdb").put("uid", DATA_SOURCE);
      boolean table = panel.type().equals("table");
      p.putObject("gridPos").put("x", table ? 0 : ((id - 1) % 3) * 8).put("y", table ? 8 : 0)
          .put("w", table ? 24 : 8).put("h", 8);
      ObjectNode target = p.putArray("targets").addObject();
      target.put("refId", "A").put("rawQuery", true).put("resultFormat", table ? "table" : "time_series")
          .put("query", panel.query());
      if (panel.alias() != null) {
        target.put("alias", panel.alias());
      }
      if (!table) {
        ObjectNode custom = p.putObject("fieldConfig").putObject("defaults").putObject("custom");
        custom.put("drawStyle", "bars");
        custom.putObject("stacking").put("mode", "normal");
      }
      id++;
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
