package io.cdcaudit.cassandra;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The replication of the keyspace that {@link CassandraAuditStore#ensureSchema()} creates (an existing keyspace is
 * left as it is). Production clusters use {@link #networkTopology(Map)}.
 */
public final class Replication {

  private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_FACTOR = 32;

  private final Map<String, Integer> factors;
  private final int simpleFactor;

  private Replication(int simpleFactor, Map<String, Integer> factors) {
    this.simpleFactor = simpleFactor;
    this.factors = factors;
  }

  /**
   * {@code SimpleStrategy} with {@code factor} replicas: for a single data centre, development and tests.
   *
   * @param factor the replication factor
   * @return the replication
   * @throws IllegalArgumentException unless 1 to 32
   */
  public static Replication simple(int factor) {
    return new Replication(checkFactor(factor, "replication factor"), Map.of());
  }

  /**
   * {@code NetworkTopologyStrategy} with the given replicas per data centre, for example
   * {@code Map.of("eu-west", 3, "us-east", 3)}.
   *
   * @param replicasPerDatacenter the replication factor per data centre
   * @return the replication
   * @throws IllegalArgumentException when empty, or a data centre name is not 1 to 64 of {@code [A-Za-z0-9_.-]}, or
   *     a factor is not 1 to 32
   */
  public static Replication networkTopology(Map<String, Integer> replicasPerDatacenter) {
    Objects.requireNonNull(replicasPerDatacenter, "replicasPerDatacenter");
    if (replicasPerDatacenter.isEmpty()) {
      throw new IllegalArgumentException("NetworkTopologyStrategy needs at least one data centre");
    }
    Map<String, Integer> copy = new TreeMap<>();
    replicasPerDatacenter.forEach((dc, factor) -> {
      if (dc == null || !DATACENTER.matcher(dc).matches()) {
        throw new IllegalArgumentException(
            "a data centre name must be 1 to 64 characters of [A-Za-z0-9_.-], got '" + dc + "'");
      }
      copy.put(dc, checkFactor(factor == null ? 0 : factor, "replication factor of " + dc));
    });
    return new Replication(0, java.util.Collections.unmodifiableMap(copy));
  }

  private static int checkFactor(int factor, String what) {
    if (factor < 1 || factor > MAX_FACTOR) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_FACTOR + ", got " + factor);
    }
    return factor;
  }

  /**
   * The CQL map literal, for example {@code {'class': 'SimpleStrategy', 'replication_factor': 1}}.
   *
   * @return the literal, as {@code CREATE KEYSPACE ... WITH replication =} takes it
   */
  public String toCql() {
    if (factors.isEmpty()) {
      return "{'class': 'SimpleStrategy', 'replication_factor': " + simpleFactor + "}";
    }
    StringBuilder cql = new StringBuilder("{'class': 'NetworkTopologyStrategy'");
    // names were checked against [A-Za-z0-9_.-]: nothing in them can end the string literal
    factors.forEach((dc, factor) -> cql.append(", '").append(dc).append("': ").append(factor));
    return cql.append('}').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Replication other && simpleFactor == other.simpleFactor && factors.equals(other.factors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(simpleFactor, factors);
  }

  @Override
  public String toString() {
    return toCql();
  }
}
