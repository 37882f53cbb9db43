package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.cdcaudit.event.EventId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an event id's index point lives: a series of the index measurement chosen by the first byte
 * of SHA-256(id) (256 series), at a time taken from the next 50 bits (within 1970's first two weeks,
 * so the whole index fits two shard groups of a policy without expiry). Writing the same id again
 * writes the same point, which is the store's idempotency; an index point names the change point
 * (retention policy, lane, time), so {@code find(id)} reads two points and never scans.
 *
 * <p>Two ids on one index slot (58 bits: expected once in ~2^29 records) are told apart by the
 * {@code event_id} field: the second takes the next free of {@value #PROBES} slots.
 */
public final class IdIndex {

  /** Slots an id may take, from its own onwards. */
  public static final int PROBES = 8;
  /** Tag: the id's series. */
  static final String BUCKET = "bucket";
  /** Field: the change point's retention policy. */
  static final String RP = "rp";
  /** Field: the change point's time. */
  static final String AT = "at";

  private final String database;
  private final String retentionPolicy;
  private final String measurement;

  /**
   * The index of one store.
   *
   * @param database the database
   * @param retentionPolicy the policy the index lives in (one without expiry)
   * @param measurement the index measurement
   */
  public IdIndex(String database, String retentionPolicy, String measurement) {
    this.database = database;
    this.retentionPolicy = retentionPolicy;
    this.measurement = measurement;
  }

  /** Where an id's slots begin. */
  public record Slot(String bucket, long firstTime) {
  }

  /** An index entry: the id's change point. */
  public record Entry(String eventId, long indexTime, String retentionPolicy, String lane, long time) {
  }

  /**
   * The id's first slot.
   *
   * @param id the id
   * @return its bucket and first time
   */
  public static Slot slotOf(EventId id) {
    byte[] h = sha256(id.value().getBytes(StandardCharsets.UTF_8));
    long bits = 0;
    for (int i = 1; i <= 7; i++) {
      bits = bits << 8 | (h[i] & 0xff);
    }
    return new Slot(String.format("%02x", h[0] & 0xff), bits >>> 6);
  }

  /**
   * The statement that reads an id's slots.
   *
   * @param id the id
   * @return the InfluxQL
   */
  public String lookup(EventId id) {
    Slot slot = slotOf(id);
    return "SELECT " + InfluxQl.ident(PointLayout.EVENT_ID) + ", " + InfluxQl.ident(RP) + ", "
        + InfluxQl.ident(PointLayout.LANE) + ", " + InfluxQl.ident(AT) + " FROM "
        + InfluxQl.from(database, retentionPolicy, measurement) + " WHERE " + InfluxQl.eq(BUCKET, slot.bucket())
        + " AND time >= " + slot.firstTime() + " AND time < " + (slot.firstTime() + PROBES);
  }

  /** What a lookup found: the entry of this id, or else the free slots, first choice first. */
  public record Found(Entry entry, List<Long> freeTimes) {
    /**
     * Whether the id is indexed.
     *
     * @return whether it is
     */
    public boolean indexed() {
      return entry != null;
    }
  }

  /**
   * Reads a lookup's result.
   *
   * @param id the id looked up
   * @param result the rows of its slots
   * @return the entry, or the free slots (none when other ids hold all of them)
   */
  public Found read(EventId id, QueryResult result) {
    Slot slot = slotOf(id);
    boolean[] taken = new boolean[PROBES];
    for (Map<String, JsonNode> row : result.rows()) {
      long time = QueryResult.integer(row, "time");
      if (id.value().equals(QueryResult.text(row, PointLayout.EVENT_ID))) {
        return new Found(new Entry(id.value(), time, QueryResult.text(row, RP), QueryResult.text(row,
            PointLayout.LANE), QueryResult.integer(row, AT)), List.of());
      }
      taken[(int) (time - slot.firstTime())] = true;
    }
    List<Long> free = new ArrayList<>(PROBES);
    for (int i = 0; i < PROBES; i++) {
      if (!taken[i]) {
        free.add(slot.firstTime() + i);
      }
    }
    return new Found(null, free);
  }

  /**
   * The index point of an entry.
   *
   * @param entry where the change point is
   * @return the point
   */
  public Point point(Entry entry) {
    return Point.measurement(measurement)
        .addTag(BUCKET, slotOf(EventId.of(entry.eventId())).bucket())
        .addField(PointLayout.EVENT_ID, entry.eventId())
        .addField(RP, entry.retentionPolicy())
        .addField(PointLayout.LANE, entry.lane())
        .addField(AT, entry.time())
        .time(entry.indexTime(), WritePrecision.NS);
  }

  /**
   * The statement that removes an entry.
   *
   * @param eventId the id
   * @param indexTime its index point's time
   * @return the InfluxQL
   */
  public String delete(String eventId, long indexTime) {
    return "DELETE FROM " + InfluxQl.ident(measurement) + " WHERE "
        + InfluxQl.eq(BUCKET, slotOf(EventId.of(eventId)).bucket()) + " AND time = " + indexTime;
  }

  /**
   * The measurement.
   *
   * @return its name
   */
  public String measurement() {
    return measurement;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
