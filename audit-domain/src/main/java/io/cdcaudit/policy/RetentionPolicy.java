package io.cdcaudit.policy;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.Retention;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How long records are kept, per table ({@link NamePattern table patterns} over
 * {@code database.table}).
 *
 * <ul>
 *   <li><b>Legal hold wins.</b> A table that matches any {@link Builder#legalHold(String) hold}
 *       rule is held, whatever other rules say and wherever the hold rule stands: its records get
 *       no deadline and no purge ever removes them.
 *   <li>Otherwise the first {@link Builder#keep(String, Period) keep} rule that matches decides:
 *       records are kept for its period, counted from the change's commit time. A keep rule that
 *       an earlier one covers (every name it matches, the earlier one matches too) could never
 *       apply, so {@code build()} refuses it.
 *   <li>Tables no rule matches are kept forever, unless {@link Builder#otherwise(Period)} says
 *       otherwise.
 * </ul>
 *
 * <pre>{@code
 * RetentionPolicy.builder()
 *     .keep("shop.sessions", Duration.ofDays(90))
 *     .keep("*.*", Period.ofYears(7))
 *     .legalHold("finance.*")
 *     .build();
 * }</pre>
 */
public final class RetentionPolicy {

  private static final RetentionPolicy KEEP_FOREVER = new RetentionPolicy(List.of(), List.of(), null);

  private final List<Rule> holds;
  private final List<Rule> keeps;
  private final Period defaultPeriod;

  private RetentionPolicy(List<Rule> holds, List<Rule> keeps, Period defaultPeriod) {
    this.holds = List.copyOf(holds);
    this.keeps = List.copyOf(keeps);
    this.defaultPeriod = defaultPeriod;
  }

  /**
   * A policy that keeps every record, with no deadline.
   *
   * @return the policy
   */
  public static RetentionPolicy keepForever() {
    return KEEP_FOREVER;
  }

  /**
   * A builder with no rules.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The retention of the record of {@code event}.
   *
   * @param event the change
   * @return legal hold, a deadline, or forever
   */
  public Retention retentionOf(ChangeEvent event) {
    return retentionOf(event.table(), event.committedAt(), true);
  }

  /**
   * The retention a change of {@code table} committed at {@code committedAt} would get, without counting as a use
   * of the rule (see {@link #idleRules()}): for stores that turn the policy into rules of their own, such as S3
   * lifecycle rules per table.
   *
   * @param table the table
   * @param committedAt the commit time
   * @return the retention
   */
  public Retention retentionAt(TableRef table, Instant committedAt) {
    return retentionOf(Objects.requireNonNull(table, "table"), Objects.requireNonNull(committedAt, "committedAt"), false);
  }

  private Retention retentionOf(TableRef table, Instant committedAt, boolean use) {
    for (Rule hold : holds) {
      if (hold.pattern.matches(table)) {
        if (use) {
          hold.use.markUsed();
        }
        return Retention.legalHoldInPlace();
      }
    }
    for (Rule rule : keeps) {
      if (rule.pattern.matches(table)) {
        if (use) {
          rule.use.markUsed();
        }
        return deadline(committedAt, rule.period, rule.duration);
      }
    }
    return defaultPeriod == null ? Retention.forever() : deadline(committedAt, defaultPeriod, null);
  }

  /**
   * The rules that have matched no table so far, for example {@code RetentionPolicy.legalHold
   * finanse.*}: a misspelt name, or a table that has had no change yet.
   *
   * @return the idle rules, in the order they were given
   */
  public List<String> idleRules() {
    return RuleUse.idle(Stream.concat(holds.stream(), keeps.stream()).map(Rule::use));
  }

  /**
   * For startup logs: the holds, then the keep rules in order, then what happens to other tables.
   *
   * @return a description of the policy
   */
  @Override
  public String toString() {
    List<Rule> all = new ArrayList<>(holds);
    all.addAll(keeps);
    return "RetentionPolicy" + all + (defaultPeriod == null ? " otherwise forever" : " otherwise " + defaultPeriod);
  }

  private static Retention deadline(Instant committedAt, Period period, Duration duration) {
    if (duration != null) {
      return Retention.until(committedAt.plus(duration));
    }
    // Instant cannot add years or months: count them in UTC.
    return Retention.until(committedAt.atZone(ZoneOffset.UTC).plus(period).toInstant());
  }

  private record Rule(NamePattern pattern, Period period, Duration duration, RuleUse use) {
    boolean legalHold() {
      return period == null && duration == null;
    }

    @Override
    public String toString() {
      return legalHold() ? "hold " + pattern : "keep " + pattern + " for " + (duration != null ? duration : period);
    }
  }

  /** Builds a {@link RetentionPolicy}; keep rules apply in the order they are added, holds always. */
  public static final class Builder {
    private final List<Rule> holds = new ArrayList<>();
    private final List<Rule> keeps = new ArrayList<>();
    private Period defaultPeriod;

    private Builder() {}

    /**
     * Keeps records of matching tables for {@code period} after their commit time.
     *
     * @param tablePattern a {@link NamePattern table pattern}, for example {@code shop.*}
     * @param period how long, positive
     * @return this builder
     * @throws IllegalArgumentException when the pattern is no table pattern, the period is not
     *     positive, or an earlier keep rule covers this one
     */
    public Builder keep(String tablePattern, Period period) {
      return addKeep(NamePattern.forTables(tablePattern, "RetentionPolicy.keep"), positive(period, "RetentionPolicy.keep"), null);
    }

    /**
     * Keeps records of matching tables for {@code duration} after their commit time.
     *
     * @param tablePattern a {@link NamePattern table pattern}, for example {@code shop.sessions}
     * @param duration how long, positive
     * @return this builder
     * @throws IllegalArgumentException when the pattern is no table pattern, the duration is not
     *     positive, or an earlier keep rule covers this one
     */
    public Builder keep(String tablePattern, Duration duration) {
      Objects.requireNonNull(duration, "RetentionPolicy.keep");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("RetentionPolicy.keep duration must be positive, got " + duration);
      }
      return addKeep(NamePattern.forTables(tablePattern, "RetentionPolicy.keep"), null, duration);
    }

    /**
     * Puts records of matching tables under legal hold, whatever the keep rules say.
     *
     * @param tablePattern a {@link NamePattern table pattern}, for example {@code finance.*}
     * @return this builder
     * @throws IllegalArgumentException when the pattern is no table pattern
     */
    public Builder legalHold(String tablePattern) {
      NamePattern pattern = NamePattern.forTables(tablePattern, "RetentionPolicy.legalHold");
      holds.add(new Rule(pattern, null, null, new RuleUse("RetentionPolicy.legalHold", pattern)));
      return this;
    }

    /**
     * Keeps records of tables no rule matches for {@code period}; by default they are kept forever.
     *
     * @param period how long, positive
     * @return this builder
     * @throws IllegalArgumentException when the period is not positive
     */
    public Builder otherwise(Period period) {
      this.defaultPeriod = positive(period, "RetentionPolicy.otherwise");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RetentionPolicy build() {
      return new RetentionPolicy(holds, keeps, defaultPeriod);
    }

    private Builder addKeep(NamePattern pattern, Period period, Duration duration) {
      NamePattern.requireNotShadowed("RetentionPolicy.keep '" + pattern + "'", pattern, keeps, Rule::pattern, "table");
      keeps.add(new Rule(pattern, period, duration, new RuleUse("RetentionPolicy.keep", pattern)));
      return this;
    }

    private static Period positive(Period period, String setting) {
      Objects.requireNonNull(period, setting);
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException(setting + " period must be positive, got " + period);
      }
      return period;
    }
  }
}
