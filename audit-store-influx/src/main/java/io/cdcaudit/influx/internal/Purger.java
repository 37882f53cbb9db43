package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.event.EventId;
import io.cdcaudit.store.support.Batches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes expired records where InfluxDB has not dropped them yet: the records of the keeping policy
 * that have a deadline, and those of expiring policies whose shard group outlives their deadline.
 * Reads each policy's points whose {@code expires_us} passed (a field filter: a scan of the policy),
 * deletes each by its lane and time (which name one point in the whole database: see
 * {@link SlotAllocator}), then its index entry. A held record has no deadline and is never read.
 */
public final class Purger {

  private static final int STATEMENTS_PER_REQUEST = 200;

  private final InfluxHttp http;
  private final String database;
  private final String measurement;
  private final List<String> policies;
  private final IdIndex index;

  /**
   * A purger.
   *
   * @param http the conversation
   * @param database the database
   * @param measurement the changes measurement
   * @param policies every policy the store writes to
   * @param index the id index
   */
  public Purger(InfluxHttp http, String database, String measurement, List<String> policies, IdIndex index) {
    this.http = http;
    this.database = database;
    this.measurement = measurement;
    this.policies = policies;
    this.index = index;
  }

  /**
   * Removes every record whose deadline is at or before {@code nowMicros}.
   *
   * @param nowMicros the purge's time in microseconds
   * @return how many records were removed
   */
  public long purge(long nowMicros) {
    List<String> selects = new ArrayList<>();
    for (String policy : policies) {
      selects.add("SELECT " + InfluxQl.ident(PointLayout.EVENT_ID) + ", " + InfluxQl.ident(PointLayout.LANE) + " FROM "
          + InfluxQl.from(database, policy, measurement) + " WHERE " + InfluxQl.ident(PointLayout.EXPIRES_US)
          + " >= 0 AND " + InfluxQl.ident(PointLayout.EXPIRES_US) + " <= " + nowMicros + " AND "
          + InfluxQl.ident(PointLayout.HELD) + " = false");
    }
    Map<String, String> deletes = new LinkedHashMap<>();
    List<EventId> ids = new ArrayList<>();
    for (QueryResult result : http.query(selects)) {
      for (Map<String, JsonNode> row : result.rows()) {
        String lane = QueryResult.text(row, PointLayout.LANE);
        long time = QueryResult.integer(row, "time");
        if (deletes.putIfAbsent(lane + '\n' + time, "DELETE FROM " + InfluxQl.ident(measurement) + " WHERE "
            + InfluxQl.eq(PointLayout.LANE, lane) + " AND time = " + time) == null) {
          ids.add(EventId.of(QueryResult.text(row, PointLayout.EVENT_ID)));
        }
      }
    }
    for (List<String> chunk : Batches.chunks(new ArrayList<>(deletes.values()), STATEMENTS_PER_REQUEST)) {
      http.query(chunk);
    }
    for (List<EventId> chunk : Batches.chunks(ids, STATEMENTS_PER_REQUEST)) {
      List<QueryResult> found = http.query(chunk.stream().map(index::lookup).toList());
      List<String> indexDeletes = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        IdIndex.Found f = index.read(chunk.get(i), found.get(i));
        if (f.indexed()) {
          indexDeletes.add(index.delete(f.entry().eventId(), f.entry().indexTime()));
        }
      }
      http.query(indexDeletes);
    }
    return deletes.size();
  }
}
