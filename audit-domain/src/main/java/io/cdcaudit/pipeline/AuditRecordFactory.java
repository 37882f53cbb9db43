package io.cdcaudit.pipeline;

import io.cdcaudit.actor.ActorResolver;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.Value;
import io.cdcaudit.policy.ColumnPolicy;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.policy.TableFilter;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a decoded change into its audit record: table filter, field-level diff (on the real
 * values), column policy, actor (resolved from the real event, then protected like its column),
 * retention. The pipeline's per-event step, usable on its own.
 * Thread-safe.
 */
public final class AuditRecordFactory {

  private final TableFilter tables;
  private final ColumnPolicy columns;
  private final ActorResolver actors;
  private final RetentionPolicy retention;
  private final Clock clock;

  private AuditRecordFactory(Builder b) {
    this.tables = b.tables;
    this.columns = b.columns;
    this.actors = b.actors;
    this.retention = b.retention;
    this.clock = b.clock;
  }

  /**
   * Starts a factory; unset, it audits every table, keeps every column, attributes no actor and
   * keeps records forever.
   *
   * @return a builder with every setting at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The record of {@code event}, or empty when the table filter leaves its table out.
   *
   * @param event the decoded change, with the real values
   * @return the record with the diff, the protected event, the actor, the time recorded and the
   *     retention; empty when the table is not audited
   */
  public Optional<AuditRecord> toRecord(ChangeEvent event) {
    if (!tables.accepts(event.table())) {
      return Optional.empty();
    }
    List<FieldChange> diff = RowDiff.of(event);
    ColumnPolicy.Protected p = columns.apply(event, diff);
    Actor actor = actors.resolve(event).map(a -> protect(event, a)).orElse(Actor.UNKNOWN);
    return Optional.of(new AuditRecord(p.event(), p.changes(), actor, clock.instant(), retention.retentionOf(p.event())));
  }

  /**
   * The rules of the table filter, the column policy and the retention policy that have applied to
   * nothing so far (see {@link ColumnPolicy#idleRules()}); the pipeline reports them after many
   * messages.
   *
   * @return the idle rules, each as its setting and pattern
   */
  public List<String> idleRules() {
    List<String> idle = new ArrayList<>(tables.idleRules());
    idle.addAll(columns.idleRules());
    idle.addAll(retention.idleRules());
    return idle;
  }

  /**
   * For startup logs: the table filter, column policy, actor resolver and retention policy.
   *
   * @return a description of the settings
   */
  @Override
  public String toString() {
    return "AuditRecordFactory[" + tables + ", " + columns + ", actors=" + actors + ", " + retention + "]";
  }

  /**
   * Actors are resolved from the real event (a dropped or scrubbed statement still names its
   * actor), so an actor read from a protected column gets that column's protection.
   */
  private Actor protect(ChangeEvent event, Actor actor) {
    String column = actor.attributes().get("column");
    if (actor.source() != Actor.Source.ROW_COLUMN || column == null) {
      return actor;
    }
    return columns.protect(event.table(), column, Value.of(actor.name()))
        .filter(v -> !v.isNull() && !v.asText().isBlank())
        .map(v -> new Actor(v.asText(), actor.source(), actor.attributes()))
        .orElse(Actor.UNKNOWN);
  }

  /** Builds an {@link AuditRecordFactory}; every setting has a default. */
  public static final class Builder {
    private TableFilter tables = TableFilter.all();
    private ColumnPolicy columns = ColumnPolicy.none();
    private ActorResolver actors = ActorResolver.none();
    private RetentionPolicy retention = RetentionPolicy.keepForever();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Which tables are audited (default: all).
     *
     * @param tables the filter; changes of other tables make no record
     * @return this builder
     * @throws NullPointerException when {@code tables} is {@code null}
     */
    public Builder tables(TableFilter tables) {
      this.tables = Objects.requireNonNull(tables, "tables");
      return this;
    }

    /**
     * What is kept of sensitive columns (default: everything as it is).
     *
     * @param columns the policy applied after the diff, and to an actor read from a column
     * @return this builder
     * @throws NullPointerException when {@code columns} is {@code null}
     */
    public Builder columns(ColumnPolicy columns) {
      this.columns = Objects.requireNonNull(columns, "columns");
      return this;
    }

    /**
     * Who made a change (default: nobody is attributed).
     *
     * @param actors the resolver, given the real event so that a protected statement still names
     *     its actor
     * @return this builder
     * @throws NullPointerException when {@code actors} is {@code null}
     */
    public Builder actors(ActorResolver actors) {
      this.actors = Objects.requireNonNull(actors, "actors");
      return this;
    }

    /**
     * How long records are kept (default: forever).
     *
     * @param retention the policy that gives each record its retention
     * @return this builder
     * @throws NullPointerException when {@code retention} is {@code null}
     */
    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /**
     * The clock of {@link AuditRecord#recordedAt()} (default: the system clock, UTC); a fixed
     * clock makes records reproducible in tests.
     *
     * @param clock the clock to read when a record is made
     * @return this builder
     * @throws NullPointerException when {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Makes the factory.
     *
     * @return a thread-safe factory with these settings
     */
    public AuditRecordFactory build() {
      return new AuditRecordFactory(this);
    }
  }
}
