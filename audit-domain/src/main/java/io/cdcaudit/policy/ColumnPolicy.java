package io.cdcaudit.policy;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.internal.Hashing;
import io.cdcaudit.internal.SqlLiterals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the audit trail keeps of sensitive columns: drop them, mask them, replace them with a keyed
 * hash (HMAC-SHA256, so that values stay joinable without being readable), or truncate them.
 *
 * <p>Rules are {@link NamePattern column patterns} over {@code database.table.column}, matched
 * case-insensitively as MySQL matches column names ({@code *.users.email}, {@code *.*.ssn}); the
 * first rule that matches a column applies, and a rule that an earlier one covers is refused by
 * the builder. A rule that has protected no column yet is listed by {@link #idleRules()} (the
 * pipeline reports those after many events). A rule applies wherever the column's value appears: the before and
 * after images, the field-level diff, the primary key, and the SQL statement text (see
 * {@link StatementHandling}, read in the source server's {@link SqlMode}). Hash a key column
 * rather than mask or exclude it: a masked key makes every row's history the same history.
 *
 * <p>The diff is computed on the real values and protected afterwards, so a masked column that
 * changed still shows as changed.
 */
public final class ColumnPolicy {

  private static final ColumnPolicy NONE = new ColumnPolicy(List.of(), StatementHandling.SCRUB_VALUES, SqlMode.DEFAULT);

  private static final int MAX_CACHED_COLUMNS = 100_000;

  private final List<Rule> rules;
  private final StatementHandling statementHandling;
  private final SqlMode sqlMode;
  private final Map<String, Optional<Rule>> ruleByColumn = new ConcurrentHashMap<>();

  private ColumnPolicy(List<Rule> rules, StatementHandling statementHandling, SqlMode sqlMode) {
    this.rules = List.copyOf(rules);
    this.statementHandling = statementHandling;
    this.sqlMode = sqlMode;
  }

  /**
   * Keeps every column as it is: the policy of a trail with no sensitive columns.
   *
   * @return the policy without rules
   */
  public static ColumnPolicy none() {
    return NONE;
  }

  /**
   * Starts a policy; without rules it keeps every column, as {@link #none()} does.
   *
   * @return a builder with no rules, {@link StatementHandling#SCRUB_VALUES} and {@link SqlMode#DEFAULT}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An event and its diff, with the policy applied.
   *
   * @param event the event with its images, primary key and statement protected
   * @param changes the field-level diff with protected values replaced and excluded columns left out
   */
  public record Protected(ChangeEvent event, List<FieldChange> changes) {}

  /**
   * Applies the policy to {@code event} and its diff {@code changes} (computed on the real
   * values).
   *
   * @param event the event as decoded, with the real values
   * @param changes its diff, computed on the real values so that a masked change still shows
   * @return the event and diff to record; the same objects when no rule touches the event's table
   */
  public Protected apply(ChangeEvent event, List<FieldChange> changes) {
    if (rules.isEmpty()) {
      return new Protected(event, changes);
    }
    TableRef table = event.table();
    if (!touches(table, event)) {
      return new Protected(event, changes);
    }
    Row before = protect(table, event.before());
    Row after = protect(table, event.after());
    PrimaryKey key = PrimaryKey.of(protect(table, event.primaryKey().columns()));
    List<FieldChange> protectedChanges = new ArrayList<>(changes.size());
    for (FieldChange change : changes) {
      Rule rule = ruleFor(table, change.column());
      if (rule == null) {
        protectedChanges.add(change);
      } else if (rule.action != Action.EXCLUDE) {
        protectedChanges.add(new FieldChange(change.column(), rule.apply(change.before()), rule.apply(change.after())));
      }
    }
    String statement = event.statement().map(s -> protectStatement(table, event, s)).orElse(null);
    ChangeEvent protectedEvent = event.toBuilder()
        .before(before)
        .after(after)
        .primaryKey(key)
        .statement(statement)
        .build();
    return new Protected(protectedEvent, List.copyOf(protectedChanges));
  }

  /**
   * What this policy keeps of one value of {@code db.table.column}: the value itself, its masked,
   * hashed or truncated form, or empty when the column is excluded.
   *
   * @param table the table the value belongs to
   * @param column the column's name
   * @param value the real value
   * @return what to keep of the value, or empty when the column is left out
   */
  public Optional<Value> protect(TableRef table, String column, Value value) {
    Rule rule = rules.isEmpty() ? null : ruleFor(table, column);
    if (rule == null) {
      return Optional.of(value);
    }
    return rule.action == Action.EXCLUDE ? Optional.empty() : Optional.of(rule.apply(value));
  }

  private boolean touches(TableRef table, ChangeEvent event) {
    for (String column : event.after().columnNames()) {
      if (ruleFor(table, column) != null) {
        return true;
      }
    }
    for (String column : event.before().columnNames()) {
      if (ruleFor(table, column) != null) {
        return true;
      }
    }
    return false;
  }

  private Row protect(TableRef table, Row row) {
    if (row.isEmpty()) {
      return row;
    }
    return row.map((column, value) -> {
      Rule rule = ruleFor(table, column);
      if (rule == null) {
        return value;
      }
      return rule.action == Action.EXCLUDE ? null : rule.apply(value);
    });
  }

  private String protectStatement(TableRef table, ChangeEvent event, String statement) {
    if (statementHandling == StatementHandling.DROP) {
      return null;
    }
    SqlLiterals.Lexed lexed = SqlLiterals.lex(statement, sqlMode.backslashEscapes(), sqlMode.ansiQuotes());
    if (!lexed.certain()) {
      // The server read this text some other way: any part of it may be a literal read as code.
      return null;
    }
    List<SqlLiterals.Literal> literals = lexed.literals();
    if (literals.isEmpty()) {
      return statement;
    }
    if (statementHandling == StatementHandling.REDACT_LITERALS) {
      return lexed.redacted();
    }
    StatementValues values = new StatementValues();
    collectValues(table, event.before(), values);
    collectValues(table, event.after(), values);
    String[] replacements = new String[literals.size()];
    for (int i = 0; i < replacements.length; i++) {
      replacements[i] = values.replacementFor(literals.get(i));
      if (replacements[i] == null) {
        // A literal that is no value of the event (another row's, a function's argument, a spelling
        // not compared): it may tell a protected value, so no literal stays.
        return lexed.redacted();
      }
    }
    return lexed.replaced(replacements);
  }

  private void collectValues(TableRef table, Row row, StatementValues values) {
    for (Map.Entry<String, Value> column : row.asMap().entrySet()) {
      Value value = column.getValue();
      if (value.isNull()) {
        continue;
      }
      Rule rule = ruleFor(table, column.getKey());
      if (rule == null) {
        values.addPublic(value);
      } else {
        Value replaced = rule.action == Action.EXCLUDE ? null : rule.apply(value);
        values.addProtected(value, replaced == null || replaced.isNull() ? "?" : quote(replaced.asText()));
      }
    }
  }

  private static String quote(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  private Rule ruleFor(TableRef table, String column) {
    // NUL cannot be part of a MySQL identifier: the key names one column unambiguously.
    String name = table.database() + '\u0000' + table.table() + '\u0000' + column;
    Optional<Rule> cached = ruleByColumn.get(name);
    if (cached == null) {
      cached = rules.stream().filter(r -> r.pattern.matches(table, column)).findFirst();
      cached.ifPresent(r -> r.use.markUsed());
      // Bounded so that a stream of ever-new column names cannot grow it without end.
      if (ruleByColumn.size() < MAX_CACHED_COLUMNS) {
        ruleByColumn.put(name, cached);
      }
    }
    return cached.orElse(null);
  }

  /**
   * The rules that have applied to no column so far, for example {@code ColumnPolicy.mask
   * *.users.emial}: a misspelt name, a rule that an earlier one shadows for every column it
   * matched, or a table that has had no change yet. Such a rule protects nothing.
   *
   * @return the idle rules, in the order they were given
   */
  public List<String> idleRules() {
    return RuleUse.idle(rules.stream().map(r -> r.use));
  }

  /**
   * For startup logs: the rules in order, the statement handling and a sql_mode other than the
   * default. A hash key shows only its id.
   *
   * @return a description of the policy
   */
  @Override
  public String toString() {
    return "ColumnPolicy" + rules + " statements=" + statementHandling
        + (sqlMode.equals(SqlMode.DEFAULT) ? "" : " " + sqlMode);
  }

  private enum Action {
    EXCLUDE,
    MASK,
    HASH,
    TRUNCATE
  }

  private static final class Rule {
    final NamePattern pattern;
    final Action action;
    final String mask;
    final HashKey key;
    final int maxLength;
    final RuleUse use;

    Rule(NamePattern pattern, Action action, String mask, HashKey key, int maxLength) {
      this.pattern = pattern;
      this.use = new RuleUse("ColumnPolicy." + action.name().toLowerCase(java.util.Locale.ROOT), pattern);
      this.action = action;
      this.mask = mask;
      this.key = key;
      this.maxLength = maxLength;
    }

    Value apply(Value value) {
      if (value.isNull()) {
        return value;
      }
      switch (action) {
        case MASK:
          return Value.of(mask);
        case HASH:
          byte[] input = value instanceof Value.Bytes b ? b.value() : value.asText().getBytes(StandardCharsets.UTF_8);
          return Value.of(Hashing.hex(key.hmac(input)));
        case TRUNCATE:
          return truncate(value);
        default:
          throw new IllegalStateException("excluded columns are dropped before a value is protected");
      }
    }

    private Value truncate(Value value) {
      if (value instanceof Value.Text t) {
        String s = t.value();
        if (s.codePointCount(0, s.length()) <= maxLength) {
          return value;
        }
        return Value.of(s.substring(0, s.offsetByCodePoints(0, maxLength)));
      }
      if (value instanceof Value.Bytes b && b.length() > maxLength) {
        return Value.ofBytes(java.util.Arrays.copyOf(b.value(), maxLength));
      }
      if (value instanceof Value.Json j && j.json().codePointCount(0, j.json().length()) > maxLength) {
        // A cut JSON document is no longer JSON: keep it as text (cut by code points, like text).
        return Value.of(j.json().substring(0, j.json().offsetByCodePoints(0, maxLength)));
      }
      return value;
    }

    @Override
    public String toString() {
      switch (action) {
        case HASH:
          return "hash " + pattern + " with " + key;
        case TRUNCATE:
          return "truncate " + pattern + " to " + maxLength;
        default:
          return action.name().toLowerCase(java.util.Locale.ROOT) + ' ' + pattern;
      }
    }
  }

  /** Builds a {@link ColumnPolicy}; rules apply in the order they are added. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private StatementHandling statementHandling = StatementHandling.SCRUB_VALUES;
    private SqlMode sqlMode = SqlMode.DEFAULT;

    private Builder() {}

    /**
     * Leaves matching columns out of the trail: images, diff and primary key lose them, and their
     * values in the statement become {@code ?}.
     *
     * @param columnPattern a {@code database.table.column} pattern, such as {@code *.users.email}
     * @return this builder
     * @throws IllegalArgumentException when the pattern is not a column pattern, or an earlier rule
     *     matches every column it matches (so that this rule could never apply)
     */
    public Builder exclude(String columnPattern) {
      add(new Rule(NamePattern.forColumns(columnPattern, "ColumnPolicy.exclude"), Action.EXCLUDE, null, null, 0));
      return this;
    }

    /**
     * Replaces matching columns' non-NULL values with {@code ****}.
     *
     * @param columnPattern a {@code database.table.column} pattern, such as {@code *.users.email}
     * @return this builder
     * @throws IllegalArgumentException when the pattern is not a column pattern, or an earlier rule
     *     matches every column it matches (so that this rule could never apply)
     */
    public Builder mask(String columnPattern) {
      return mask(columnPattern, "****");
    }

    /**
     * Replaces matching columns' non-NULL values with {@code maskText}; NULL stays NULL, so the
     * trail still tells an empty column from a filled one.
     *
     * @param columnPattern a {@code database.table.column} pattern, such as {@code *.users.email}
     * @param maskText what to store instead of each value
     * @return this builder
     * @throws NullPointerException when {@code maskText} is {@code null}
     * @throws IllegalArgumentException when the pattern is not a column pattern, or an earlier rule
     *     matches every column it matches (so that this rule could never apply)
     */
    public Builder mask(String columnPattern, String maskText) {
      Objects.requireNonNull(maskText, "ColumnPolicy.mask text");
      add(new Rule(NamePattern.forColumns(columnPattern, "ColumnPolicy.mask"), Action.MASK, maskText, null, 0));
      return this;
    }

    /**
     * Replaces matching columns' non-NULL values with the hex HMAC-SHA256 of their text (or bytes)
     * under {@code key}: equal values hash alike, so the trail stays joinable on them. The hash does
     * not name its key (see {@link HashKey}).
     *
     * @param columnPattern a {@code database.table.column} pattern, such as {@code *.users.email}
     * @param key the key to hash with
     * @return this builder
     * @throws NullPointerException when {@code key} is {@code null}
     * @throws IllegalArgumentException when the pattern is not a column pattern, or an earlier rule
     *     matches every column it matches (so that this rule could never apply)
     */
    public Builder hash(String columnPattern, HashKey key) {
      Objects.requireNonNull(key, "ColumnPolicy.hash key");
      add(new Rule(NamePattern.forColumns(columnPattern, "ColumnPolicy.hash"), Action.HASH, null, key, 0));
      return this;
    }

    /**
     * Cuts matching text, JSON and binary values to at most {@code maxLength} characters (bytes); a
     * cut JSON document is kept as text, since it is no longer JSON. Other values stay whole.
     *
     * @param columnPattern a {@code database.table.column} pattern, such as {@code *.users.email}
     * @param maxLength how many code points (bytes, for binary values) to keep; at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code maxLength} is less than 1, the pattern is not a
     *     column pattern, or an earlier rule matches every column it matches
     */
    public Builder truncate(String columnPattern, int maxLength) {
      if (maxLength < 1) {
        throw new IllegalArgumentException("ColumnPolicy.truncate maxLength must be at least 1, got " + maxLength);
      }
      add(new Rule(NamePattern.forColumns(columnPattern, "ColumnPolicy.truncate"), Action.TRUNCATE, null, null, maxLength));
      return this;
    }

    /**
     * What to do with statements of tables that have protected columns (default
     * {@link StatementHandling#SCRUB_VALUES}); statements of other tables stay as they are.
     *
     * @param handling how to protect the statement text
     * @return this builder
     * @throws NullPointerException when {@code handling} is {@code null}
     */
    public Builder statements(StatementHandling handling) {
      this.statementHandling = Objects.requireNonNull(handling, "ColumnPolicy.statements");
      return this;
    }

    /**
     * The sql_mode the source server reads statements in (default {@link SqlMode#DEFAULT}, backslash
     * escapes on): statements are read the way the server read them, so that no literal is taken for
     * code or a comment.
     *
     * @param mode the mode the applications' sessions run with
     * @return this builder
     * @throws NullPointerException when {@code mode} is {@code null}
     */
    public Builder sqlMode(SqlMode mode) {
      this.sqlMode = Objects.requireNonNull(mode, "ColumnPolicy.sqlMode");
      return this;
    }

    private void add(Rule rule) {
      NamePattern.requireNotShadowed(rule.use, rule.pattern, rules, r -> r.pattern, "column");
      rules.add(rule);
    }

    /**
     * Makes the policy; the builder's rules are copied, so the builder may go on.
     *
     * @return the policy, with the rules in the order they were added
     */
    public ColumnPolicy build() {
      return new ColumnPolicy(rules, statementHandling, sqlMode);
    }
  }
}
