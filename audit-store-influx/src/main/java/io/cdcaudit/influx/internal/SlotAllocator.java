package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.store.support.Batches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gives each new record a time of its own within its lane: the first nanosecond at or after its
 * commit microsecond that no point of the lane holds in any retention policy (so a lane and a time
 * name one point in the whole database, which is what lets a DELETE by lane and time remove exactly
 * one record). A lane is one source partition, which one writer at a time appends to in order, so
 * the same records in the same order get the same times, whichever writer (or retry) places them.
 *
 * <p>Points of one commit microsecond take at most {@link #SPILL} nanoseconds after it (a million
 * changes of one microsecond in one lane); queries read that far past a time range's end.
 */
public final class SlotAllocator {

  /** How far after its commit microsecond a point may lie, in nanoseconds. */
  public static final long SPILL = 1_000_000L;
  /**
   * Commit times from here on (2262-01-01, months before InfluxDB's time ends) all take points of this one
   * microsecond: the record keeps its exact commit time, its point is where InfluxDB can hold it.
   */
  public static final long LATEST_POINT_MICROS = 9_214_646_400_000_000L;
  /** Gaps shorter than this between commit times are read in one statement. */
  private static final long MERGE_GAP = 1_000_000_000L;
  private static final int STATEMENTS_PER_REQUEST = 200;

  /** A stored point of a lane: its id, policy and time. */
  public record Stored(String eventId, String retentionPolicy, long time) {
  }

  private final InfluxHttp http;
  private final String database;
  private final String measurement;
  private final List<String> policies;

  /**
   * An allocator.
   *
   * @param http the conversation
   * @param database the database
   * @param measurement the changes measurement
   * @param policies every policy the store writes to
   */
  public SlotAllocator(InfluxHttp http, String database, String measurement, List<String> policies) {
    this.http = http;
    this.database = database;
    this.measurement = measurement;
    this.policies = policies;
  }

  /** The occupied times of one lane, and the ids found there. */
  public static final class Lane {
    private final Set<Long> taken = new HashSet<>();
    private final Map<String, Stored> byId = new HashMap<>();
    private final Map<Long, Long> nextFree = new HashMap<>();

    /**
     * Where a point of this id already is (written by an attempt whose index write did not happen).
     *
     * @param eventId the id
     * @return the stored point, or {@code null}
     */
    public Stored stored(String eventId) {
      return byId.get(eventId);
    }

    /**
     * Takes the first free time of a commit microsecond.
     *
     * @param commitMicros the commit microsecond
     * @return the time, or -1 when the microsecond's {@link #SPILL} is full
     */
    public long take(long commitMicros) {
      long micros = Math.min(commitMicros, LATEST_POINT_MICROS);
      long first = firstNanos(micros);
      long t = nextFree.getOrDefault(micros, first);
      while (taken.contains(t)) {
        t++;
      }
      if (t - first >= SPILL) {
        return -1;
      }
      taken.add(t);
      nextFree.put(micros, t + 1);
      return t;
    }
  }

  /**
   * Reads what the lanes hold around the given commit microseconds.
   *
   * @param commitsByLane each lane's commit microseconds
   * @return each lane's occupancy
   */
  public Map<String, Lane> read(Map<String, ? extends Set<Long>> commitsByLane) {
    Map<String, Lane> lanes = new TreeMap<>();
    List<String> statements = new ArrayList<>();
    List<String> laneOfStatement = new ArrayList<>();
    List<String> policyOfStatement = new ArrayList<>();
    commitsByLane.forEach((lane, commits) -> {
      lanes.put(lane, new Lane());
      for (long[] window : windows(new TreeSet<>(commits))) {
        for (String policy : policies) {
          statements.add("SELECT " + InfluxQl.ident(PointLayout.EVENT_ID) + " FROM "
              + InfluxQl.from(database, policy, measurement) + " WHERE " + InfluxQl.eq(PointLayout.LANE, lane)
              + " AND time >= " + window[0] + " AND time < " + window[1]);
          laneOfStatement.add(lane);
          policyOfStatement.add(policy);
        }
      }
    });
    int offset = 0;
    for (List<String> chunk : Batches.chunks(statements, STATEMENTS_PER_REQUEST)) {
      List<QueryResult> results = http.query(chunk);
      for (int i = 0; i < results.size(); i++) {
        Lane lane = lanes.get(laneOfStatement.get(offset + i));
        String policy = policyOfStatement.get(offset + i);
        for (Map<String, JsonNode> row : results.get(i).rows()) {
          long time = QueryResult.integer(row, "time");
          String id = QueryResult.text(row, PointLayout.EVENT_ID);
          lane.taken.add(time);
          if (id != null) {
            lane.byId.putIfAbsent(id, new Stored(id, policy, time));
          }
        }
      }
      offset += chunk.size();
    }
    return lanes;
  }

  /**
   * The first nanosecond a point of this commit microsecond may take.
   *
   * @param commitMicros the commit time in microseconds since the epoch (not before it)
   * @return the nanosecond
   */
  public static long firstNanos(long commitMicros) {
    return Math.min(commitMicros, LATEST_POINT_MICROS) * 1000L;
  }

  /** Merged [start, end) nanosecond windows covering each commit microsecond and its spill. */
  private static List<long[]> windows(TreeSet<Long> commits) {
    List<long[]> windows = new ArrayList<>();
    long[] current = null;
    for (long c : commits) {
      long start = firstNanos(c);
      long end = start + SPILL;
      if (current != null && start <= current[1] + MERGE_GAP) {
        current[1] = Math.max(current[1], end);
      } else {
        current = new long[] {start, end};
        windows.add(current);
      }
    }
    return windows;
  }
}
