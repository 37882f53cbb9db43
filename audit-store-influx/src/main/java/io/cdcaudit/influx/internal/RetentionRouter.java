package io.cdcaudit.influx.internal;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the retention policy of each record. InfluxDB drops a policy's shard groups once they are
 * older than its duration, so a point at commit time {@code c} in a policy of duration {@code d}
 * lives at least until {@code c + d}: a record goes to the shortest expiring policy with
 * {@code d >= deadline - c} (never dropped before its deadline) that still accepts a point at
 * {@code c}; records under legal hold, without a deadline, or that no expiring policy fits go to
 * the keeping policy (no expiry), where {@code purgeExpired} removes them when their time comes.
 */
public final class RetentionRouter {

  /** Points this close to a policy's end are kept in the keeping policy: a write must not race the drop. */
  static final Duration WRITE_MARGIN = Duration.ofHours(1);

  /** An expiring policy. */
  public record Expiring(String name, Duration duration) {
  }

  private final String keeping;
  private final List<Expiring> expiring;

  /**
   * The router.
   *
   * @param keeping the policy without expiry
   * @param expiring the expiring policies
   */
  public RetentionRouter(String keeping, List<Expiring> expiring) {
    this.keeping = keeping;
    List<Expiring> sorted = new ArrayList<>(expiring);
    sorted.sort(Comparator.comparing(Expiring::duration));
    this.expiring = List.copyOf(sorted);
  }

  /**
   * The policy for a record written at {@code now}.
   *
   * @param record the record
   * @param now the time of the write
   * @return the policy's name
   */
  public String policyFor(AuditRecord record, Instant now) {
    Retention retention = record.retention();
    if (retention.legalHold() || retention.expiresAt() == null) {
      return keeping;
    }
    Instant commit = record.event().committedAt();
    Duration needed = Duration.between(commit, retention.expiresAt());
    for (Expiring e : expiring) {
      if (e.duration().compareTo(needed) >= 0 && commit.plus(e.duration()).isAfter(now.plus(WRITE_MARGIN))) {
        return e.name();
      }
    }
    return keeping;
  }

  /**
   * The keeping policy.
   *
   * @return its name
   */
  public String keeping() {
    return keeping;
  }

  /**
   * The expiring policies, shortest first.
   *
   * @return them
   */
  public List<Expiring> expiring() {
    return expiring;
  }

  /**
   * Every policy the store writes to, the keeping one first.
   *
   * @return the names
   */
  public List<String> all() {
    List<String> all = new ArrayList<>();
    all.add(keeping);
    expiring.forEach(e -> all.add(e.name()));
    return all;
  }
}
