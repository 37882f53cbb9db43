package io.cdcaudit.policy;

import io.cdcaudit.event.TableRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tables are audited: a table is audited when it matches an include pattern (or there are
 * none) and no exclude pattern. Patterns are {@link NamePattern globs} over {@code db.table}, for
 * example {@code shop.*} or {@code *.tmp_*}. A schema change of a whole database is matched as
 * {@code db.} (an empty table name).
 */
public final class TableFilter {

  private static final TableFilter ALL = new TableFilter(List.of(), List.of());

  private final List<NamePattern> includes;
  private final List<NamePattern> excludes;

  private TableFilter(List<NamePattern> includes, List<NamePattern> excludes) {
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
  }

  /** Audits every table. */
  public static TableFilter all() {
    return ALL;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean accepts(TableRef table) {
    String name = table.database() + '.' + table.table();
    if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matches(name))) {
      return false;
    }
    return excludes.stream().noneMatch(p -> p.matches(name));
  }

  @Override
  public String toString() {
    return "TableFilter[include=" + includes + ", exclude=" + excludes + "]";
  }

  /** Builds a {@link TableFilter}. */
  public static final class Builder {
    private final List<NamePattern> includes = new ArrayList<>();
    private final List<NamePattern> excludes = new ArrayList<>();

    private Builder() {}

    /** Audits tables matching {@code pattern} (once any include is given, only those). */
    public Builder include(String... patterns) {
      for (String p : patterns) {
        includes.add(NamePattern.of(p, "TableFilter.include"));
      }
      return this;
    }

    /** Never audits tables matching {@code pattern}, even when included. */
    public Builder exclude(String... patterns) {
      for (String p : patterns) {
        excludes.add(NamePattern.of(p, "TableFilter.exclude"));
      }
      return this;
    }

    public TableFilter build() {
      return new TableFilter(includes, excludes);
    }
  }
}
