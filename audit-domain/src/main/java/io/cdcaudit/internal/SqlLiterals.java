package io.cdcaudit.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites literals in SQL statement text, leaving comments alone (they carry actor tags).
 * Internal: not part of the public API.
 */
public final class SqlLiterals {

  private SqlLiterals() {}

  /**
   * Replaces each value of {@code replacements}' keys where it appears as a quoted literal (or as
   * a bare number) with the quoted replacement, or with {@code ?} where the replacement is
   * {@code null}.
   */
  public static String replaceValues(String sql, Map<String, String> replacements) {
    String out = sql;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      String value = r.getKey();
      String replacement = r.getValue() == null ? "?" : quote(r.getValue());
      out = out.replace(quote(value), replacement);
      out = out.replace(quoteBackslash(value), replacement);
      out = out.replace('"' + value.replace("\"", "\"\"") + '"', replacement);
      if (isNumber(value)) {
        Pattern bare = Pattern.compile("(?<![\\w.'\"])" + Pattern.quote(value) + "(?![\\w.'\"])");
        out = bare.matcher(out).replaceAll(Matcher.quoteReplacement(replacement));
      }
    }
    return out;
  }

  /** Replaces every string and number literal outside comments and quoted identifiers with {@code ?}. */
  public static String redact(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
      } else if ((c == '-' && i + 2 < n && sql.charAt(i + 1) == '-' && Character.isWhitespace(sql.charAt(i + 2))) || c == '#') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '`') {
        int end = sql.indexOf('`', i + 1);
        end = end < 0 ? n : end + 1;
        out.append(sql, i, end);
        i = end;
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
        out.append('?');
      } else if (Character.isDigit(c) && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.'
            || ((sql.charAt(end) == '+' || sql.charAt(end) == '-') && (sql.charAt(end - 1) == 'e' || sql.charAt(end - 1) == 'E')))) {
          end++;
        }
        out.append('?');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static boolean isNumber(String s) {
    return s.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  }

  private static String quote(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  private static String quoteBackslash(String value) {
    return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
  }
}
