package io.cdcaudit.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of the source server's {@code sql_mode} that change how statement text is read: whether
 * a backslash escapes the next character in a string ({@code NO_BACKSLASH_ESCAPES} turns that off)
 * and whether double quotes name an identifier rather than a string ({@code ANSI_QUOTES}).
 *
 * <p>Set it to the mode the applications' sessions run with, for example
 * {@code SqlMode.of("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES")} from {@code SELECT @@GLOBAL.sql_mode}.
 * A wrong mode misreads statements: in {@code NO_BACKSLASH_ESCAPES}, {@code 'C:\'} is a whole
 * string, while with backslash escapes its quote is escaped and the string runs on. The readers of
 * statement text fail closed on what they cannot read to the end (see {@link StatementHandling}),
 * but a wrong mode can still make a statement read as certain and wrong.
 */
public final class SqlMode {

  /** MySQL's and MariaDB's default: backslash escapes on, double quotes around strings. */
  public static final SqlMode DEFAULT = new SqlMode(true, false);

  // The combination modes that include ANSI_QUOTES (MySQL 8 kept ANSI; MariaDB and MySQL 5.7 have all of them).
  private static final Set<String> WITH_ANSI_QUOTES = Set.of("ANSI_QUOTES", "ANSI", "DB2", "MAXDB", "MSSQL", "ORACLE", "POSTGRESQL");

  private final boolean backslashEscapes;
  private final boolean ansiQuotes;

  private SqlMode(boolean backslashEscapes, boolean ansiQuotes) {
    this.backslashEscapes = backslashEscapes;
    this.ansiQuotes = ansiQuotes;
  }

  /**
   * The mode named by a value of the {@code sql_mode} variable: a comma-separated list of mode names,
   * in any case; an empty value is {@link #DEFAULT}. Names that do not change how text is read
   * ({@code STRICT_TRANS_TABLES}, ...) are accepted and have no effect.
   *
   * @param sqlMode the value of {@code @@sql_mode}, as the server reports it
   * @return the mode, keeping only what changes how statement text is read
   * @throws NullPointerException if {@code sqlMode} is {@code null}
   * @throws IllegalArgumentException if {@code sqlMode} is not a list of names
   */
  public static SqlMode of(String sqlMode) {
    Objects.requireNonNull(sqlMode, "SqlMode sql_mode");
    boolean backslashEscapes = true;
    boolean ansiQuotes = false;
    if (!sqlMode.isBlank()) {
      for (String part : sqlMode.split(",", -1)) {
        String name = part.trim().toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z0-9_]+")) {
          throw new IllegalArgumentException(
              "SqlMode must be a comma-separated list of sql_mode names, got '" + sqlMode + "'");
        }
        backslashEscapes &= !name.equals("NO_BACKSLASH_ESCAPES");
        ansiQuotes |= WITH_ANSI_QUOTES.contains(name);
      }
    }
    return new SqlMode(backslashEscapes, ansiQuotes);
  }

  /**
   * Whether a backslash in a string escapes the next character.
   *
   * @return false under {@code NO_BACKSLASH_ESCAPES}, true otherwise
   */
  public boolean backslashEscapes() {
    return backslashEscapes;
  }

  /**
   * Whether {@code "..."} is a quoted identifier rather than a string.
   *
   * @return true under {@code ANSI_QUOTES} or a combination mode that includes it, such as
   *     {@code ANSI}
   */
  public boolean ansiQuotes() {
    return ansiQuotes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SqlMode other && backslashEscapes == other.backslashEscapes && ansiQuotes == other.ansiQuotes;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(backslashEscapes) * 31 + Boolean.hashCode(ansiQuotes);
  }

  @Override
  public String toString() {
    if (equals(DEFAULT)) {
      return "SqlMode[DEFAULT]";
    }
    String noBackslash = backslashEscapes ? "" : "NO_BACKSLASH_ESCAPES";
    String quotes = ansiQuotes ? "ANSI_QUOTES" : "";
    return "SqlMode[" + noBackslash + (noBackslash.isEmpty() || quotes.isEmpty() ? "" : ",") + quotes + "]";
  }
}
