package io.cdcaudit.policy;

import io.cdcaudit.event.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A glob over a table ({@code database.table}) or a column ({@code database.table.column}), one
 * part per name: {@code shop.*}, {@code *.tmp_*}, {@code *.users.password_hash}, {@code *.*.email}.
 *
 * <ul>
 *   <li>A pattern has exactly one part per name, separated by dots: two for a table, three for a
 *       column. A pattern with another number of parts is an error, never a rule that quietly
 *       matches nothing ({@code users.password_hash} as a column pattern lacks its database: write
 *       {@code *.users.password_hash}).
 *   <li>In a part, {@code *} matches any run of characters and {@code ?} one character; anything
 *       else matches itself. A part is matched against its name alone, so {@code *} never reaches
 *       into the next name.
 *   <li>A name that contains a dot (or a blank, or one of {@code ^ [ ] ( ) { } | + \}) is quoted
 *       in backticks, as MySQL quotes it: {@code `my.db`.orders}; a backtick inside is doubled.
 *       Those characters are refused outside backticks: a pattern that looks like a regular
 *       expression ({@code ^.*password.*$}) is an error.
 *   <li>Names match <b>case-insensitively</b>. MySQL and MariaDB compare column names without
 *       case everywhere, and database and table names without case on case-insensitive file
 *       systems or with {@code lower_case_table_names}; where they are case-sensitive (Linux by
 *       default) a pattern covers every spelling of the name. That is the safe side for a rule
 *       that protects a column or holds a table.
 * </ul>
 */
public final class NamePattern {

  private static final String REGEX_SIGNS = "^[](){}|+\\";

  private final String glob;
  private final List<Pattern> parts;
  private final List<String> sources;

  private NamePattern(String glob, List<String> sources) {
    this.glob = glob;
    this.sources = List.copyOf(sources);
    List<Pattern> compiled = new ArrayList<>(sources.size());
    for (String part : sources) {
      compiled.add(compile(part));
    }
    this.parts = List.copyOf(compiled);
  }

  /**
   * A pattern over {@code database.table}; {@code setting} names the setting in error messages.
   *
   * @param glob the pattern, for example {@code shop.*}
   * @param setting the setting the pattern is given to, for example {@code TableFilter.include}
   * @return the pattern
   * @throws IllegalArgumentException when the pattern is empty, has blanks or regex signs outside
   *     backticks, an empty part, or not exactly two parts
   */
  public static NamePattern forTables(String glob, String setting) {
    return parse(glob, 2, "a table pattern is database.table, for example 'shop.orders' or 'shop.*'", setting);
  }

  /**
   * A pattern over {@code database.table.column}; {@code setting} names the setting in error
   * messages.
   *
   * @param glob the pattern, for example {@code *.users.email}
   * @param setting the setting the pattern is given to, for example {@code ColumnPolicy.mask}
   * @return the pattern
   * @throws IllegalArgumentException when the pattern is empty, has blanks or regex signs outside
   *     backticks, an empty part, or not exactly three parts
   */
  public static NamePattern forColumns(String glob, String setting) {
    return parse(glob, 3,
        "a column pattern is database.table.column, for example '*.users.email' or '*.*.password_hash'", setting);
  }

  /**
   * Whether the pattern matches this table.
   *
   * @param table the table
   * @return whether database and table match their parts
   * @throws IllegalStateException when this is a column pattern
   */
  public boolean matches(TableRef table) {
    if (parts.size() != 2) {
      throw new IllegalStateException("'" + glob + "' is a column pattern");
    }
    return parts.get(0).matcher(table.database()).matches() && parts.get(1).matcher(table.table()).matches();
  }

  /**
   * Whether the pattern matches this column of this table.
   *
   * @param table the column's table
   * @param column the column's name
   * @return whether database, table and column match their parts
   * @throws IllegalStateException when this is a table pattern
   */
  public boolean matches(TableRef table, String column) {
    if (parts.size() != 3) {
      throw new IllegalStateException("'" + glob + "' is a table pattern");
    }
    return parts.get(0).matcher(table.database()).matches()
        && parts.get(1).matcher(table.table()).matches()
        && parts.get(2).matcher(column).matches();
  }

  /**
   * Whether every name this pattern's {@code other} matches is matched by this one as well, as far
   * as can be told part by part: each part of this one is {@code *} or the same as the other's.
   * A rule after one that covers it can never apply where the first match wins.
   *
   * @param other a pattern with as many parts
   * @return whether this pattern surely covers {@code other}
   */
  boolean covers(NamePattern other) {
    if (other.sources.size() != sources.size()) {
      return false;
    }
    for (int i = 0; i < sources.size(); i++) {
      String mine = sources.get(i);
      if (!mine.equals("*") && !mine.equalsIgnoreCase(other.sources.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses a rule that an earlier one covers where the first matching rule decides: it could
   * never apply.
   *
   * @param rule the new rule, as the message names it
   * @param pattern its pattern
   * @param earlier the rules before it
   * @param patternOf the pattern of an earlier rule
   * @param names what the patterns name, for the message: {@code table} or {@code column}
   * @throws IllegalArgumentException naming both rules
   */
  static <R> void requireNotShadowed(Object rule, NamePattern pattern, List<R> earlier,
      Function<R, NamePattern> patternOf, String names) {
    for (R other : earlier) {
      if (patternOf.apply(other).covers(pattern)) {
        throw new IllegalArgumentException(rule + " can never apply: the earlier rule '" + other + "' matches every "
            + names + " it matches and the first rule that matches a " + names + " decides; give the narrower rule first");
      }
    }
  }

  @Override
  public String toString() {
    return glob;
  }

  private static NamePattern parse(String glob, int arity, String shape, String setting) {
    Objects.requireNonNull(glob, setting);
    if (glob.isEmpty()) {
      throw new IllegalArgumentException(setting + ": '' is not a name pattern: " + shape);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '`') {
        if (quoted && i + 1 < glob.length() && glob.charAt(i + 1) == '`') {
          part.append('`');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (quoted) {
        part.append(c);
      } else if (c == '.') {
        parts.add(checkedPart(part, wasQuoted, glob, shape, setting));
        part.setLength(0);
        wasQuoted = false;
      } else if (Character.isWhitespace(c)) {
        throw new IllegalArgumentException(setting + ": '" + glob + "' has a blank; quote a name with blanks in backticks");
      } else if (REGEX_SIGNS.indexOf(c) >= 0) {
        throw new IllegalArgumentException(setting + ": '" + glob + "' looks like a regular expression ('" + c
            + "'); patterns are globs, * for any characters and ? for one, one part per name: " + shape);
      } else {
        part.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(setting + ": '" + glob + "' has an unclosed backtick");
    }
    parts.add(checkedPart(part, wasQuoted, glob, shape, setting));
    if (parts.size() != arity) {
      throw new IllegalArgumentException(setting + ": '" + glob + "' has " + parts.size()
          + (parts.size() == 1 ? " part" : " parts") + "; " + shape
          + " (quote a name that contains a dot in backticks)");
    }
    return new NamePattern(glob, parts);
  }

  private static String checkedPart(StringBuilder part, boolean quoted, String glob, String shape, String setting) {
    if (part.length() == 0 && !quoted) {
      throw new IllegalArgumentException(setting + ": '" + glob + "' has an empty part; " + shape);
    }
    return part.toString();
  }

  private static Pattern compile(String part) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : part.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          re.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        re.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
