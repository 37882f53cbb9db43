package io.cdcaudit.record;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.RowDiff;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What the audit trail keeps for one change: the change (with column policies applied), its
 * field-level diff, who made it, when it was recorded, and how long it is kept.
 *
 * <p>Records of one row sort by {@link #sortKey()}: commit time, then binlog order, then id.
 * Times are kept to the microsecond; stores must keep them exactly.
 */
public record AuditRecord(
    ChangeEvent event, List<FieldChange> changes, Actor actor, Instant recordedAt, Retention retention) {

  public AuditRecord {
    Objects.requireNonNull(event, "event");
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    Objects.requireNonNull(actor, "actor");
    recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(retention, "retention");
  }

  /** A record of {@code event} with its diff computed, an unknown actor and no deadline. */
  public static AuditRecord of(ChangeEvent event, Instant recordedAt) {
    return new AuditRecord(event, RowDiff.of(event), Actor.UNKNOWN, recordedAt, Retention.forever());
  }

  public EventId id() {
    return event.id();
  }

  /** This record with another retention. */
  public AuditRecord withRetention(Retention newRetention) {
    return new AuditRecord(event, changes, actor, recordedAt, newRetention);
  }

  /** This record with another actor. */
  public AuditRecord withActor(Actor newActor) {
    return new AuditRecord(event, changes, newActor == null ? Actor.UNKNOWN : newActor, recordedAt, retention);
  }

  /**
   * The total order of records used by queries and cursors: the commit time in microseconds since
   * the epoch (zero-padded), then the event's {@link ChangeEvent#sourceOrder()}, then the id.
   * Sorting these texts sorts the records.
   */
  public String sortKey() {
    return sortKeyOf(event);
  }

  /** The {@link #sortKey()} a record of {@code event} has. */
  public static String sortKeyOf(ChangeEvent event) {
    return timePrefix(event.committedAt()) + '|' + event.sourceOrder() + '|' + event.id().value();
  }

  /**
   * The sort-key prefix of a point in time: every record committed at or after {@code t} has a
   * sort key {@code >=} this, every record committed before has one {@code <} it.
   */
  public static String timePrefix(Instant t) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, t);
    if (t.getNano() % 1000 != 0 && !t.isBefore(Instant.EPOCH)) {
      // Between two microseconds: records keep microseconds, so the first one at or after t is the next.
      micros++;
    }
    if (micros < 0) {
      throw new IllegalArgumentException("commit times before 1970 are not supported: " + t);
    }
    String digits = Long.toString(micros);
    return "0".repeat(Math.max(0, 17 - digits.length())) + digits;
  }
}
