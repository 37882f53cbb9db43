package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.support.SortKeyRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One page of a query in sort-key order, read from every retention policy in time order. A point's
 * time is its commit microsecond plus less than {@link SlotAllocator#SPILL} nanoseconds, so time
 * order is sort-key order but for points of nearby microseconds: the scan reads each policy with
 * {@code ORDER BY time LIMIT n} and hands out only records whose every predecessor it has read
 * (oldest first: commit time plus the spill below what each policy has been read to; newest first:
 * commit time at or above it), reading on until the page is full or the range is done.
 */
public final class TimeScan {

  /** The latest time InfluxDB accepts (2262-04-11), exclusive. */
  public static final long MAX_TIME = 9_223_372_036_854_775_806L;
  private static final int MIN_CHUNK = 100;

  /** A record the scan found: its sort key and JSON. */
  public record Hit(String sortKey, String json) {
  }

  private final InfluxHttp http;
  private final String database;
  private final String measurement;
  private final List<String> policies;

  /**
   * A scan over the given policies.
   *
   * @param http the conversation
   * @param database the database
   * @param measurement the changes measurement
   * @param policies every policy the store writes to
   */
  public TimeScan(InfluxHttp http, String database, String measurement, List<String> policies) {
    this.http = http;
    this.database = database;
    this.measurement = measurement;
    this.policies = policies;
  }

  private static final class PolicyCursor {
    final String policy;
    long next;
    boolean done;

    PolicyCursor(String policy, long next) {
      this.policy = policy;
      this.next = next;
    }
  }

  /**
   * The first {@code fetch} records (by sort key, in {@code order}) that match {@code condition}
   * and lie in {@code range}.
   *
   * @param condition an InfluxQL condition on tags and fields
   * @param range the sort keys the page may hold
   * @param order the order
   * @param fetch how many records to return at most
   * @return the records, in order
   */
  public List<Hit> page(String condition, SortKeyRange range, SortOrder order, int fetch) {
    if (range.isEmpty()) {
      return List.of();
    }
    boolean ascending = order == SortOrder.OLDEST_FIRST;
    long low = range.lower().map(b -> SlotAllocator.firstNanos(micros(b.key()))).orElse(0L);
    long high = range.upper().map(b -> SlotAllocator.firstNanos(micros(b.key()) + 1) + SlotAllocator.SPILL)
        .orElse(MAX_TIME);
    List<PolicyCursor> cursors = new ArrayList<>();
    for (String policy : policies) {
      cursors.add(new PolicyCursor(policy, ascending ? low : high));
    }
    Comparator<String> keyOrder = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
    TreeMap<String, Hit> found = new TreeMap<>(keyOrder);
    Map<String, Long> commitOf = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    int chunk = Math.max(MIN_CHUNK, fetch * 2);
    while (true) {
      for (PolicyCursor c : cursors) {
        if (ascending ? c.next >= high : c.next <= low) {
          c.done = true;
        }
      }
      List<PolicyCursor> open = cursors.stream().filter(c -> !c.done).toList();
      if (open.isEmpty()) {
        break;
      }
      List<String> statements = new ArrayList<>();
      for (PolicyCursor c : open) {
        statements.add("SELECT " + InfluxQl.ident(PointLayout.SORT_KEY) + ", " + InfluxQl.ident(PointLayout.COMMIT_US)
            + ", " + InfluxQl.ident(PointLayout.RECORD) + ", " + InfluxQl.ident(PointLayout.LANE) + " FROM "
            + InfluxQl.from(database, c.policy, measurement) + " WHERE (" + condition + ") AND "
            + (ascending ? "time >= " + c.next + " AND time < " + high : "time >= " + low + " AND time < " + c.next)
            + " ORDER BY time " + (ascending ? "ASC" : "DESC") + " LIMIT " + chunk);
      }
      List<QueryResult> results = http.query(statements);
      boolean progress = false;
      for (int i = 0; i < open.size(); i++) {
        PolicyCursor c = open.get(i);
        List<Map<String, JsonNode>> rows = results.get(i).rows();
        for (Map<String, JsonNode> row : rows) {
          long time = QueryResult.integer(row, "time");
          if (!seen.add(c.policy + '\n' + QueryResult.text(row, PointLayout.LANE) + '\n' + time)) {
            continue;
          }
          progress = true;
          String sortKey = QueryResult.text(row, PointLayout.SORT_KEY);
          if (sortKey != null && range.contains(sortKey)) {
            found.put(sortKey, new Hit(sortKey, QueryResult.text(row, PointLayout.RECORD)));
            commitOf.put(sortKey, QueryResult.integer(row, PointLayout.COMMIT_US));
          }
        }
        if (rows.size() < chunk) {
          c.done = true;
        } else {
          long last = QueryResult.integer(rows.get(rows.size() - 1), "time");
          // Oldest first: everything before the last time is read (points at it may continue); newest first: after.
          c.next = ascending ? last : last + 1;
        }
      }
      if (!progress) {
        chunk *= 2;
      }
      if (countCertain(found, commitOf, cursors, ascending) >= fetch) {
        break;
      }
    }
    List<Hit> page = new ArrayList<>(fetch);
    boolean all = cursors.stream().allMatch(c -> c.done);
    long horizon = horizon(cursors, ascending);
    for (Hit hit : found.values()) {
      if (page.size() == fetch || !all && !certain(commitOf.get(hit.sortKey()), horizon, ascending)) {
        break;
      }
      page.add(hit);
    }
    return page;
  }

  private static int countCertain(TreeMap<String, Hit> found, Map<String, Long> commitOf, List<PolicyCursor> cursors,
      boolean ascending) {
    if (cursors.stream().allMatch(c -> c.done)) {
      return found.size();
    }
    long horizon = horizon(cursors, ascending);
    int n = 0;
    for (String key : found.keySet()) {
      if (!certain(commitOf.get(key), horizon, ascending)) {
        break;
      }
      n++;
    }
    return n;
  }

  /** Oldest first: every point before it is read; newest first: every point at or after it. */
  private static long horizon(List<PolicyCursor> cursors, boolean ascending) {
    long h = ascending ? Long.MAX_VALUE : Long.MIN_VALUE;
    for (PolicyCursor c : cursors) {
      if (!c.done) {
        h = ascending ? Math.min(h, c.next) : Math.max(h, c.next);
      }
    }
    return h;
  }

  private static boolean certain(long commitMicros, long horizon, boolean ascending) {
    long first = SlotAllocator.firstNanos(commitMicros);
    return ascending ? first + SlotAllocator.SPILL <= horizon : first >= horizon;
  }

  /** The commit microseconds a sort key or time prefix begins with. */
  static long micros(String sortKeyOrPrefix) {
    return Long.parseLong(sortKeyOrPrefix.substring(0, Math.min(17, sortKeyOrPrefix.length())));
  }
}
