package io.cdcaudit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SQL statement text as comments, quoted literals, quoted identifiers and the rest, so that
 * literals can be rewritten without touching comments (which carry actor tags) and comments can
 * be found without being fooled by a literal that looks like one. Internal: not part of the
 * public API.
 */
public final class SqlLiterals {

  private SqlLiterals() {}

  private enum Kind {
    BLOCK_COMMENT,
    LINE_COMMENT,
    STRING,
    IDENTIFIER,
    CODE
  }

  private record Segment(Kind kind, String text) {}

  /** The bodies of the block comments ({@code /* ... *}{@code /}) outside string literals, in order. */
  public static List<String> blockComments(String sql) {
    List<String> bodies = new ArrayList<>();
    for (Segment s : segments(sql)) {
      if (s.kind == Kind.BLOCK_COMMENT && s.text.length() >= 4 && s.text.endsWith("*/")) {
        bodies.add(s.text.substring(2, s.text.length() - 2));
      }
    }
    return bodies;
  }

  /**
   * Replaces each value of {@code replacements}' keys where it appears as a whole quoted literal
   * (or as a bare number) outside comments, with the quoted replacement, or with {@code ?} where
   * the replacement is {@code null}.
   */
  public static String replaceValues(String sql, Map<String, String> replacements) {
    StringBuilder out = new StringBuilder(sql.length());
    for (Segment s : segments(sql)) {
      switch (s.kind) {
        case STRING -> {
          String content = unquote(s.text);
          if (content != null && replacements.containsKey(content)) {
            String replacement = replacements.get(content);
            out.append(replacement == null ? "?" : quote(replacement));
          } else {
            out.append(s.text);
          }
        }
        case CODE -> out.append(replaceBareNumbers(s.text, replacements));
        default -> out.append(s.text);
      }
    }
    return out.toString();
  }

  /** Replaces every string and number literal outside comments and quoted identifiers with {@code ?}. */
  public static String redact(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    for (Segment s : segments(sql)) {
      switch (s.kind) {
        case STRING -> out.append('?');
        case CODE -> out.append(redactNumbers(s.text));
        default -> out.append(s.text);
      }
    }
    return out.toString();
  }

  private static List<Segment> segments(String sql) {
    List<Segment> out = new ArrayList<>();
    int n = sql.length();
    int codeStart = 0;
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      Kind kind;
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        kind = Kind.BLOCK_COMMENT;
      } else if ((c == '-' && i + 2 < n && sql.charAt(i + 1) == '-' && Character.isWhitespace(sql.charAt(i + 2))) || c == '#') {
        end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        kind = Kind.LINE_COMMENT;
      } else if (c == '`') {
        end = sql.indexOf('`', i + 1);
        end = end < 0 ? n : end + 1;
        kind = Kind.IDENTIFIER;
      } else if (c == '\'' || c == '"') {
        end = skipQuoted(sql, i, c);
        kind = Kind.STRING;
      } else {
        i++;
        continue;
      }
      if (codeStart < i) {
        out.add(new Segment(Kind.CODE, sql.substring(codeStart, i)));
      }
      out.add(new Segment(kind, sql.substring(i, end)));
      i = end;
      codeStart = end;
    }
    if (codeStart < n) {
      out.add(new Segment(Kind.CODE, sql.substring(codeStart)));
    }
    return out;
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

  /** The value of a complete quoted literal, with its escapes undone; {@code null} if unterminated. */
  private static String unquote(String literal) {
    char quote = literal.charAt(0);
    if (literal.length() < 2 || literal.charAt(literal.length() - 1) != quote) {
      return null;
    }
    StringBuilder value = new StringBuilder(literal.length());
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        value.append(literal.charAt(++i));
      } else if (c == quote && i + 1 < literal.length() - 1 && literal.charAt(i + 1) == quote) {
        value.append(quote);
        i++;
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.$])-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?(?![\\w.$])");

  private static String replaceBareNumbers(String code, Map<String, String> replacements) {
    Matcher m = NUMBER.matcher(code);
    StringBuilder out = new StringBuilder(code.length());
    while (m.find()) {
      String number = m.group();
      String key = replacements.containsKey(number) ? number
          : number.startsWith("-") && replacements.containsKey(number.substring(1)) ? number.substring(1) : null;
      String replacement;
      if (key == null) {
        replacement = number;
      } else {
        String protectedValue = replacements.get(key);
        String rendered = protectedValue == null ? "?" : quote(protectedValue);
        replacement = key.equals(number) ? rendered : number.substring(0, number.length() - key.length()) + rendered;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String redactNumbers(String code) {
    return NUMBER.matcher(code).replaceAll("?");
  }

  private static String quote(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }
}
