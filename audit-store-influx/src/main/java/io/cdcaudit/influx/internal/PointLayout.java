package io.cdcaudit.influx.internal;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.support.IndexKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * How one record becomes one point of the changes measurement. Tags are the few things of bounded
 * cardinality that dashboards group by (database, table, operation, actor kind, actor name when
 * tagged) and the writer lane; everything that grows with rows is a field.
 */
public final class PointLayout {

  /** Tag: the record's database. */
  public static final String DATABASE = "database";
  /** Tag: the record's table. */
  public static final String TABLE = "table";
  /** Tag: insert, update, delete, snapshot, truncate, schema_change. */
  public static final String OPERATION = "operation";
  /** Tag: how the actor is known (sql_comment, row_column, ..., unknown). */
  public static final String ACTOR_KIND = "actor_kind";
  /** Tag: the actor's name, when actor names are tagged and the actor is known. */
  public static final String ACTOR = "actor";
  /** Tag: the writer lane (a source partition), whose points never share a time. */
  public static final String LANE = "lane";

  /** Field: the event id. */
  public static final String EVENT_ID = "event_id";
  /** Field: the whole record as audit-record JSON, the exact copy queries return. */
  public static final String RECORD = "record";
  /** Field: the record's sort key. */
  public static final String SORT_KEY = "sort_key";
  /** Field: the commit time in microseconds since the epoch (the point's time is within a millisecond after it). */
  public static final String COMMIT_US = "commit_us";
  /** Field: the canonical primary key ("" when unknown). */
  public static final String ROW_KEY = "row_key";
  /** Field: the key before an update that moved the row ("" otherwise). */
  public static final String PREVIOUS_ROW_KEY = "previous_row_key";
  /** Field: the transaction id ("" when none). */
  public static final String TX_ID = "tx_id";
  /** Field: the actor's name ("" when unknown). */
  public static final String ACTOR_NAME = "actor_name";
  /** Field: the deadline in microseconds since the epoch, -1 when none. */
  public static final String EXPIRES_US = "expires_us";
  /** Field: whether a legal hold protects the record. */
  public static final String HELD = "held";
  /** Field: the changed columns, comma-separated, for annotations. */
  public static final String CHANGED = "changed";
  /**
   * Field: the diff as JSON ({@code {"column":[before, after]}}, masked values as stored), for annotations; a note
   * instead when longer than 16 KiB.
   */
  public static final String DIFF = "diff";

  /** The tag keys, in the order queries select them. */
  public static final List<String> TAGS = List.of(DATABASE, TABLE, OPERATION, ACTOR_KIND, ACTOR, LANE);

  /** Diffs longer than this are not repeated in the {@link #DIFF} field (the record holds them whole). */
  static final int MAX_DIFF_CHARS = 16 * 1024;

  private static final JsonFactory JSON = new JsonFactory();

  private final String measurement;
  private final boolean actorTags;

  /**
   * A layout.
   *
   * @param measurement the changes measurement
   * @param actorTags whether known actors' names are a tag
   */
  public PointLayout(String measurement, boolean actorTags) {
    this.measurement = measurement;
    this.actorTags = actorTags;
  }

  /**
   * The measurement.
   *
   * @return its name
   */
  public String measurement() {
    return measurement;
  }

  /**
   * Whether actor names are a tag (then a query by actor reads only that actor's series).
   *
   * @return whether they are
   */
  public boolean actorTags() {
    return actorTags;
  }

  /**
   * The point of {@code record} at {@code timeNanos} in {@code lane}.
   *
   * @param record the record
   * @param json its audit-record JSON
   * @param lane its writer lane
   * @param timeNanos the point's time
   * @return the point
   */
  public Point point(AuditRecord record, String json, String lane, long timeNanos) {
    var event = record.event();
    Point p = Point.measurement(measurement)
        .addTag(DATABASE, event.table().database())
        .addTag(TABLE, event.table().table())
        .addTag(OPERATION, event.operation().name().toLowerCase(Locale.ROOT))
        .addTag(ACTOR_KIND, record.actor().source().name().toLowerCase(Locale.ROOT))
        .addTag(LANE, lane);
    String actor = record.actor().name();
    if (actorTags && actor != null && !actor.isEmpty()) {
      p.addTag(ACTOR, actor);
    }
    List<String> keys = rowKeys(record);
    Instant expires = record.retention().expiresAt();
    return p.addField(EVENT_ID, record.id().value())
        .addField(RECORD, json)
        .addField(SORT_KEY, record.sortKey())
        .addField(COMMIT_US, micros(event.committedAt()))
        .addField(ROW_KEY, keys.isEmpty() ? "" : keys.get(0))
        .addField(PREVIOUS_ROW_KEY, keys.size() > 1 ? keys.get(1) : "")
        .addField(TX_ID, event.transaction().map(tx -> tx.id()).orElse(""))
        .addField(ACTOR_NAME, actor == null ? "" : actor)
        .addField(EXPIRES_US, expires == null ? -1L : micros(expires))
        .addField(HELD, record.retention().legalHold())
        .addField(CHANGED, changedColumns(record))
        .addField(DIFF, diff(record))
        .time(timeNanos, WritePrecision.NS);
  }

  /**
   * The row keys of a record as the row-history index knows them (the current key, then the
   * previous one of a moved row).
   *
   * @param record the record
   * @return the canonical keys
   */
  public static List<String> rowKeys(AuditRecord record) {
    List<String> keys = new ArrayList<>(2);
    for (IndexKey key : IndexKey.allOf(record)) {
      if (key.kind() == AuditQuery.Kind.ROW_HISTORY) {
        keys.add(key.parts().get(2));
      }
    }
    return keys;
  }

  /**
   * Microseconds since the epoch.
   *
   * @param t an instant
   * @return its microseconds
   */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /**
   * Reads a stored record back.
   *
   * @param json the {@link #RECORD} field
   * @return the record
   */
  public static AuditRecord record(String json) {
    return AuditRecordJson.fromText(json);
  }

  private static String changedColumns(AuditRecord record) {
    StringBuilder out = new StringBuilder();
    for (FieldChange change : record.changes()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(change.column());
    }
    return out.toString();
  }

  private static String diff(AuditRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = JSON.createGenerator(bytes)) {
      out.writeStartObject();
      for (FieldChange change : record.changes()) {
        out.writeFieldName(change.column());
        out.writeStartArray();
        AuditRecordJson.writeValue(out, change.before());
        AuditRecordJson.writeValue(out, change.after());
        out.writeEndArray();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String diff = bytes.toString(StandardCharsets.UTF_8);
    return diff.length() <= MAX_DIFF_CHARS ? diff
        : "{\"(diff)\":\"longer than " + MAX_DIFF_CHARS + " characters: see the record field\"}";
  }
}
