package io.cdcaudit.influx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.store.StoreException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database and retention policies a store needs: the statements that create them, and the check
 * (before the first write or query) that the server's policies keep points at least as long as the
 * store routes records to them, since a shorter one would drop records before their deadline.
 */
public final class Schema {

  private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private final String database;
  private final RetentionRouter router;

  /**
   * The schema of a store.
   *
   * @param database the database
   * @param router its retention policies
   */
  public Schema(String database, RetentionRouter router) {
    this.database = database;
    this.router = router;
  }

  /**
   * {@code CREATE DATABASE} and {@code CREATE RETENTION POLICY} for each policy (1.x; on 2.x,
   * buckets are made by the operator).
   *
   * @return the statements, in order
   */
  public List<String> statements() {
    List<String> all = new ArrayList<>();
    all.add("CREATE DATABASE " + InfluxQl.ident(database));
    if (!router.keeping().equals("autogen")) {
      all.add("CREATE RETENTION POLICY " + InfluxQl.ident(router.keeping()) + " ON " + InfluxQl.ident(database)
          + " DURATION INF REPLICATION 1");
    }
    for (RetentionRouter.Expiring e : router.expiring()) {
      all.add("CREATE RETENTION POLICY " + InfluxQl.ident(e.name()) + " ON " + InfluxQl.ident(database)
          + " DURATION " + e.duration().toSeconds() + "s REPLICATION 1");
    }
    return all;
  }

  /**
   * Checks the server's policies.
   *
   * @param http the conversation
   * @throws StoreException (unusable) when a policy is missing or keeps points shorter than the store needs
   */
  public void check(InfluxHttp http) {
    QueryResult result = http.query("SHOW RETENTION POLICIES ON " + InfluxQl.ident(database));
    Map<String, Duration> onServer = new HashMap<>();
    for (Map<String, JsonNode> row : result.rows()) {
      onServer.put(QueryResult.text(row, "name"), parse(QueryResult.text(row, "duration")));
    }
    Duration keeping = onServer.get(router.keeping());
    if (keeping == null) {
      throw missing(router.keeping(), onServer);
    }
    if (!keeping.isZero()) {
      throw StoreException.unusable("retention policy " + router.keeping() + " of database " + database
          + " drops points after " + keeping + ", but the store keeps held records, records without a deadline and "
          + "its id index there: give InfluxAuditStore.keepingPolicy a policy with DURATION INF", null);
    }
    for (RetentionRouter.Expiring e : router.expiring()) {
      Duration actual = onServer.get(e.name());
      if (actual == null) {
        throw missing(e.name(), onServer);
      }
      if (!actual.isZero() && actual.compareTo(e.duration()) < 0) {
        throw StoreException.unusable("retention policy " + e.name() + " of database " + database + " drops points "
            + "after " + actual + ", less than the " + e.duration() + " the store was built with "
            + "(InfluxAuditStore.expiringPolicy): records would be dropped before their deadline", null);
      }
    }
  }

  private StoreException missing(String policy, Map<String, Duration> onServer) {
    return StoreException.unusable("database " + database + " has no retention policy " + policy + " (it has "
        + onServer.keySet() + "): create it with InfluxAuditStore.ensureSchema() or schemaStatements()", null);
  }

  /** A Go duration as InfluxDB prints it ({@code 720h0m0s}; {@code 0s} is infinite). */
  static Duration parse(String text) {
    Matcher m = GO_DURATION.matcher(text == null ? "" : text);
    if (text == null || text.isEmpty() || !m.matches()) {
      throw new StoreException("InfluxDB printed a retention policy duration this store cannot read: " + text);
    }
    long seconds = 0;
    if (m.group(1) != null) {
      seconds += Long.parseLong(m.group(1)) * 3600;
    }
    if (m.group(2) != null) {
      seconds += Long.parseLong(m.group(2)) * 60;
    }
    if (m.group(3) != null) {
      seconds += Long.parseLong(m.group(3));
    }
    return Duration.ofSeconds(seconds);
  }
}
