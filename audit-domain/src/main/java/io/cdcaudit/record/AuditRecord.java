package io.cdcaudit.record;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.PrimaryKey;
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
 *
 * @param event the change, as column policies left it
 * @param changes its field-level diff, in table order
 * @param actor who made the change, {@link Actor#UNKNOWN} when no resolver could say
 * @param recordedAt when the pipeline made the record (truncated to microseconds)
 * @param retention how long the record is kept
 */
public record AuditRecord(
    ChangeEvent event, List<FieldChange> changes, Actor actor, Instant recordedAt, Retention retention) {

  /**
   * Copies the diff and truncates {@code recordedAt} to microseconds; no component may be
   * {@code null}.
   *
   * @param event the change, as column policies left it
   * @param changes its field-level diff, in table order
   * @param actor who made the change, {@link Actor#UNKNOWN} when no resolver could say
   * @param recordedAt when the pipeline made the record
   * @param retention how long the record is kept
   */
  public AuditRecord {
    Objects.requireNonNull(event, "event");
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    Objects.requireNonNull(actor, "actor");
    recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(retention, "retention");
  }

  /**
   * A record of {@code event} with its diff computed, an unknown actor and no deadline.
   *
   * @param event the change
   * @param recordedAt when the record is made
   * @return the record
   */
  public static AuditRecord of(ChangeEvent event, Instant recordedAt) {
    return new AuditRecord(event, RowDiff.of(event), Actor.UNKNOWN, recordedAt, Retention.forever());
  }

  /**
   * The record's id: its event's, by which stores append idempotently.
   *
   * @return the event's id
   */
  public EventId id() {
    return event.id();
  }

  /**
   * This record with another retention, as a retention policy assigns it.
   *
   * @param newRetention the retention
   * @return a copy with {@code newRetention}
   */
  public AuditRecord withRetention(Retention newRetention) {
    return new AuditRecord(event, changes, actor, recordedAt, newRetention);
  }

  /**
   * This record with another actor, as an actor resolver attributes it.
   *
   * @param newActor the actor; {@code null} gives {@link Actor#UNKNOWN}
   * @return a copy with {@code newActor}
   */
  public AuditRecord withActor(Actor newActor) {
    return new AuditRecord(event, changes, newActor == null ? Actor.UNKNOWN : newActor, recordedAt, retention);
  }

  /**
   * The total order of records used by queries and cursors: the commit time in microseconds since
   * the epoch (zero-padded), then the event's {@link ChangeEvent#sourceOrder()}, then the id.
   * Sorting these texts sorts the records.
   *
   * @return the sort key
   */
  public String sortKey() {
    return sortKeyOf(event);
  }

  /**
   * The {@link #sortKey()} a record of {@code event} has, without making the record.
   *
   * @param event the change
   * @return the sort key
   */
  public static String sortKeyOf(ChangeEvent event) {
    return timePrefix(event.committedAt()) + '|' + event.sourceOrder() + '|' + event.id().value();
  }

  /**
   * The primary keys under which this record belongs to a row's history: the event's key, and
   * also the previous one when the change moved the row to another key
   * ({@link ChangeEvent#previousKey()}); none when the key is unknown.
   *
   * @return the keys, the current one first
   */
  public List<PrimaryKey> rowKeys() {
    if (event.primaryKey().isNone()) {
      return List.of();
    }
    return event.previousKey().map(old -> List.of(event.primaryKey(), old)).orElseGet(() -> List.of(event.primaryKey()));
  }

  /**
   * The sort-key prefix of a point in time: every record committed at or after {@code t} has a
   * sort key {@code >=} this, every record committed before has one {@code <} it. Defined for
   * every instant: one before the epoch gives the lowest prefix, one after
   * {@link ChangeEvent#LATEST_COMMIT_TIME} the highest (above every record's), so that "end of
   * time" bounds such as 9999-12-31 or {@link Instant#MAX} work as users expect.
   *
   * @param t any instant
   * @return 17 decimal digits
   */
  public static String timePrefix(Instant t) {
    if (t.isBefore(Instant.EPOCH)) {
      return LOWEST_PREFIX;
    }
    if (t.isAfter(ChangeEvent.LATEST_COMMIT_TIME)) {
      return END_OF_TIME_PREFIX;
    }
    // Exact, with no overflow: seconds below 10^11 times 10^6 stay far below Long.MAX_VALUE.
    long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    if (t.getNano() % 1000 != 0) {
      // Between two microseconds: records keep microseconds, so the first one at or after t is the next.
      micros++;
    }
    String digits = Long.toString(micros);
    return "0".repeat(Math.max(0, PREFIX_DIGITS - digits.length())) + digits;
  }

  private static final int PREFIX_DIGITS = 17;
  private static final String LOWEST_PREFIX = "0".repeat(PREFIX_DIGITS);
  private static final String END_OF_TIME_PREFIX = "9".repeat(PREFIX_DIGITS);
}
