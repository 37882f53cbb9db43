package io.cdcaudit.policy;

import io.cdcaudit.event.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which tables are audited: a table is audited when it matches an include pattern (or there are
 * none) and no exclude pattern. Patterns are {@link NamePattern table patterns} over
 * {@code database.table}, for example {@code shop.*} or {@code *.tmp_*}; they match names
 * case-insensitively. A schema change of a whole database has an empty table name, which
 * {@code shop.*} matches.
 */
public final class TableFilter {

  private static final TableFilter ALL = new TableFilter(List.of(), List.of());

  private final List<Rule> includes;
  private final List<Rule> excludes;

  private TableFilter(List<Rule> includes, List<Rule> excludes) {
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
  }

  /**
   * A filter that audits every table.
   *
   * @return the filter
   */
  public static TableFilter all() {
    return ALL;
  }

  /**
   * A builder with no patterns.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether changes of {@code table} are audited.
   *
   * @param table the table
   * @return true when an include matches (or there is none) and no exclude does
   */
  public boolean accepts(TableRef table) {
    if (!includes.isEmpty() && !anyMatches(includes, table)) {
      return false;
    }
    return !anyMatches(excludes, table);
  }

  /**
   * The patterns that have matched no table so far, for example {@code TableFilter.include
   * shpo.*}: a misspelt name, or a table that has had no change yet.
   *
   * @return the idle patterns, includes first
   */
  public List<String> idleRules() {
    return RuleUse.idle(Stream.concat(includes.stream(), excludes.stream()).map(Rule::use));
  }

  private static boolean anyMatches(List<Rule> rules, TableRef table) {
    boolean matched = false;
    for (Rule rule : rules) {
      // After a match only rules not yet in use are tried, to mark them: once every rule has been
      // used, this costs what a plain first-match search does.
      if (matched && rule.use.used()) {
        continue;
      }
      if (rule.pattern.matches(table)) {
        rule.use.markUsed();
        matched = true;
      }
    }
    return matched;
  }

  /**
   * For startup logs: the include and exclude patterns.
   *
   * @return a description of the filter
   */
  @Override
  public String toString() {
    return "TableFilter[include=" + includes + ", exclude=" + excludes + "]";
  }

  private record Rule(NamePattern pattern, RuleUse use) {
    @Override
    public String toString() {
      return pattern.toString();
    }
  }

  /** Builds a {@link TableFilter}. */
  public static final class Builder {
    private final List<Rule> includes = new ArrayList<>();
    private final List<Rule> excludes = new ArrayList<>();

    private Builder() {}

    /**
     * Audits tables matching any of {@code patterns} (once any include is given, only those).
     *
     * @param patterns {@link NamePattern table patterns}, for example {@code shop.*}
     * @return this builder
     * @throws IllegalArgumentException when a pattern is no table pattern
     */
    public Builder include(String... patterns) {
      for (String p : patterns) {
        NamePattern pattern = NamePattern.forTables(p, "TableFilter.include");
        includes.add(new Rule(pattern, new RuleUse("TableFilter.include", pattern)));
      }
      return this;
    }

    /**
     * Never audits tables matching any of {@code patterns}, even when included.
     *
     * @param patterns {@link NamePattern table patterns}, for example {@code *.tmp_*}
     * @return this builder
     * @throws IllegalArgumentException when a pattern is no table pattern
     */
    public Builder exclude(String... patterns) {
      for (String p : patterns) {
        NamePattern pattern = NamePattern.forTables(p, "TableFilter.exclude");
        excludes.add(new Rule(pattern, new RuleUse("TableFilter.exclude", pattern)));
      }
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     */
    public TableFilter build() {
      return new TableFilter(includes, excludes);
    }
  }
}
