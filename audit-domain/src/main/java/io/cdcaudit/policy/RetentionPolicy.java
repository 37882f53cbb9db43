package io.cdcaudit.policy;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.record.Retention;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long records are kept, per table: the first rule whose {@link NamePattern glob} matches
 * {@code db.table} decides. A rule keeps records for a period counted from the change's commit
 * time (for example 7 years), or puts them under legal hold, which no purge ever removes. Tables
 * no rule matches get the default: keep forever unless {@link Builder#otherwise(Period)} says
 * otherwise.
 *
 * <p>Legal hold rules should come first: a table matching a hold rule is held whatever later
 * rules say.
 */
public final class RetentionPolicy {

  private static final RetentionPolicy KEEP_FOREVER = new RetentionPolicy(List.of(), null);

  private final List<Rule> rules;
  private final Period defaultPeriod;

  private RetentionPolicy(List<Rule> rules, Period defaultPeriod) {
    this.rules = List.copyOf(rules);
    this.defaultPeriod = defaultPeriod;
  }

  /** Keeps every record, with no deadline. */
  public static RetentionPolicy keepForever() {
    return KEEP_FOREVER;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The retention of the record of {@code event}. */
  public Retention retentionOf(ChangeEvent event) {
    String name = event.table().database() + '.' + event.table().table();
    for (Rule rule : rules) {
      if (rule.pattern.matches(name)) {
        return rule.legalHold ? Retention.legalHoldInPlace() : rule.deadline(event);
      }
    }
    return defaultPeriod == null ? Retention.forever() : new Rule(null, defaultPeriod, null, false).deadline(event);
  }

  @Override
  public String toString() {
    return "RetentionPolicy" + rules + (defaultPeriod == null ? " otherwise forever" : " otherwise " + defaultPeriod);
  }

  private record Rule(NamePattern pattern, Period period, Duration duration, boolean legalHold) {
    Retention deadline(ChangeEvent event) {
      if (duration != null) {
        return Retention.until(event.committedAt().plus(duration));
      }
      // Instant cannot add years or months: count them in UTC.
      return Retention.until(event.committedAt().atZone(ZoneOffset.UTC).plus(period).toInstant());
    }

    @Override
    public String toString() {
      return legalHold ? "hold " + pattern : "keep " + pattern + " for " + (duration != null ? duration : period);
    }
  }

  /** Builds a {@link RetentionPolicy}; rules apply in the order they are added. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private Period defaultPeriod;

    private Builder() {}

    /** Keeps records of matching tables for {@code period} after their commit time. */
    public Builder keep(String tablePattern, Period period) {
      rules.add(new Rule(NamePattern.of(tablePattern, "RetentionPolicy.keep"), positive(period, "RetentionPolicy.keep"), null, false));
      return this;
    }

    /** Keeps records of matching tables for {@code duration} after their commit time. */
    public Builder keep(String tablePattern, Duration duration) {
      Objects.requireNonNull(duration, "RetentionPolicy.keep");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("RetentionPolicy.keep duration must be positive, got " + duration);
      }
      rules.add(new Rule(NamePattern.of(tablePattern, "RetentionPolicy.keep"), null, duration, false));
      return this;
    }

    /** Puts records of matching tables under legal hold. */
    public Builder legalHold(String tablePattern) {
      rules.add(new Rule(NamePattern.of(tablePattern, "RetentionPolicy.legalHold"), null, null, true));
      return this;
    }

    /** Keeps records of tables no rule matches for {@code period}; by default they are kept forever. */
    public Builder otherwise(Period period) {
      this.defaultPeriod = positive(period, "RetentionPolicy.otherwise");
      return this;
    }

    public RetentionPolicy build() {
      return new RetentionPolicy(rules, defaultPeriod);
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
