package io.cdcaudit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MySQL and MariaDB statement text as its literals, its comments and the rest, in one pass,
 * so that literals can be rewritten without touching comments (which carry actor tags) and comments
 * can be found without being fooled by a literal that looks like one. Internal: not part of the
 * public API.
 *
 * <p>It knows every lexical form the servers have: {@code '..'} and {@code ".."} strings with
 * doubled quotes and (unless {@code NO_BACKSLASH_ESCAPES}) backslash escapes, {@code `..`} and (under
 * {@code ANSI_QUOTES}) {@code ".."} identifiers, {@code #} and {@code -- } line comments,
 * {@code /* *}{@code /} comments, executable comments {@code /*! *}{@code /} and {@code /*M! *}{@code /}
 * (whose body is SQL), optimizer hints {@code /*+ *}{@code /}, {@code X'..'}, {@code 0x..},
 * {@code B'..'} and {@code 0b..} literals, numbers with a leading dot or an exponent, {@code N'..'}
 * and {@code _charset} introducers, {@code TRUE} and {@code FALSE}.
 *
 * <p>A text it cannot read to the end with certainty is {@linkplain Lexed#certain() uncertain}, and
 * then nothing else of the result may be trusted: the server read that text some other way, so a
 * literal may have been taken for code or a comment, anywhere before. That is an unterminated
 * literal, identifier or comment; an executable comment or a hint whose end depends on the server
 * (its version, or whether it reads {@code /*M!}); a version whose length the servers read
 * differently; an executable comment or hint inside an executable comment; a NUL character outside
 * a literal (MySQL ends a line comment there).
 */
public final class SqlLiterals {

  private SqlLiterals() {}

  /** The kinds of literal. */
  public enum Kind {
    /** A quoted string, maybe with an introducer: {@code 'a'}, {@code "a"}, {@code N'a'}, {@code _utf8mb4'a'}. */
    STRING,
    /** A hex literal: {@code X'61'}, {@code 0x61}, maybe with an introducer. */
    HEX,
    /** A bit literal: {@code B'1'}, {@code 0b1}, maybe with an introducer. */
    BITS,
    /** A decimal number, with its sign where the sign cannot be an operator: {@code -1.5e3}, {@code .75}. */
    NUMBER,
    /** {@code TRUE} or {@code FALSE}. */
    BOOLEAN,
    /** A word that starts like a number and is not one ({@code 123abc}): read as a literal, to be safe. */
    OTHER
  }

  /** Numbers longer than this are not compared as numbers (no DECIMAL is that long; parsing one could be slow). */
  private static final int MAX_NUMBER_LENGTH = 100;
  /** Hex and bit literals longer than this many bytes are not compared as numbers. */
  private static final int MAX_NUMBER_BYTES = 32;

  /** Reads {@code sql} as a server in the given sql_mode does. */
  public static Lexed lex(String sql, boolean backslashEscapes, boolean ansiQuotes) {
    Lexer lexer = new Lexer(sql, backslashEscapes, ansiQuotes);
    lexer.run();
    return new Lexed(sql, lexer.certain, lexer.literals, lexer.comments);
  }

  /** A statement as read by {@link #lex}. */
  public static final class Lexed {
    private final String sql;
    private final boolean certain;
    private final List<Literal> literals;
    private final List<String> comments;

    private Lexed(String sql, boolean certain, List<Literal> literals, List<String> comments) {
      this.sql = sql;
      this.certain = certain;
      this.literals = List.copyOf(literals);
      this.comments = List.copyOf(comments);
    }

    /** Whether the text was read to the end with certainty; if not, nothing else here may be trusted. */
    public boolean certain() {
      return certain;
    }

    /** The literals, in order, those in the bodies of executable comments included. */
    public List<Literal> literals() {
      return literals;
    }

    /**
     * The bodies of the plain block comments ({@code /* ... *}{@code /}) outside executable comments,
     * in order; hints and executable comments are SQL, not comments.
     */
    public List<String> blockComments() {
      return comments;
    }

    /** The text with every literal replaced with {@code ?}. */
    public String redacted() {
      String[] all = new String[literals.size()];
      java.util.Arrays.fill(all, "?");
      return replaced(all);
    }

    /**
     * The text with literal {@code i} replaced with {@code replacements[i]}, or kept where that is
     * {@code null}.
     */
    public String replaced(String[] replacements) {
      if (replacements.length != literals.size()) {
        throw new IllegalArgumentException("one replacement per literal: " + literals.size() + ", got " + replacements.length);
      }
      StringBuilder out = new StringBuilder(sql.length());
      int at = 0;
      for (int i = 0; i < replacements.length; i++) {
        Literal literal = literals.get(i);
        out.append(sql, at, literal.start);
        out.append(replacements[i] == null ? sql.substring(literal.start, literal.end) : replacements[i]);
        at = literal.end;
      }
      return out.append(sql, at, sql.length()).toString();
    }
  }

  /** One literal of a statement, with what it means where that can be told without the server. */
  public static final class Literal {
    private final String sql;
    private final Kind kind;
    private final int start;
    private final int end;
    private final int contentStart;
    private final int contentEnd;
    private final boolean backslashEscapes;

    private Literal(String sql, Kind kind, int start, int end, int contentStart, int contentEnd, boolean backslashEscapes) {
      this.sql = sql;
      this.kind = kind;
      this.start = start;
      this.end = end;
      this.contentStart = contentStart;
      this.contentEnd = contentEnd;
      this.backslashEscapes = backslashEscapes;
    }

    public Kind kind() {
      return kind;
    }

    /** The literal as written, introducer and sign included. */
    public String source() {
      return sql.substring(start, end);
    }

    /** A string's value (escapes undone), a number as written; {@code null} for other kinds. */
    public String text() {
      switch (kind) {
        case STRING:
          return unescape(sql, contentStart, contentEnd, backslashEscapes);
        case NUMBER:
          return source();
        default:
          return null;
      }
    }

    /**
     * The literal's exact numeric value, where it has one: a number, {@code TRUE} (1) and
     * {@code FALSE} (0), a string that is a plain number, the unsigned value of a short hex or bit
     * literal; otherwise {@code null}.
     */
    public BigDecimal number() {
      switch (kind) {
        case NUMBER:
          return parseNumber(sql, start, end);
        case BOOLEAN:
          return Character.toUpperCase(sql.charAt(start)) == 'T' ? BigDecimal.ONE : BigDecimal.ZERO;
        case STRING:
          return isPlainNumber(sql, contentStart, contentEnd) ? parseNumber(sql, contentStart, contentEnd) : null;
        case HEX:
        case BITS:
          byte[] bytes = bytes();
          return bytes == null || bytes.length > MAX_NUMBER_BYTES ? null : new BigDecimal(new BigInteger(1, bytes));
        default:
          return null;
      }
    }

    /** The bytes of a hex or bit literal; {@code null} for other kinds or when not valid. */
    public byte[] bytes() {
      if (kind == Kind.HEX) {
        return hexBytes(sql, contentStart, contentEnd);
      }
      if (kind == Kind.BITS) {
        return bitBytes(sql, contentStart, contentEnd);
      }
      return null;
    }

    @Override
    public String toString() {
      return kind + " " + source();
    }
  }

  private static final class Lexer {
    private final String sql;
    private final int n;
    private final boolean backslashEscapes;
    private final boolean ansiQuotes;
    private final List<Literal> literals = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private boolean certain = true;
    // Inside the body of an executable comment: where the body would end were it read as a comment
    // (on an older server, or by MySQL for /*M!), -1 where no server reads it so.
    private boolean inExecutable;
    private int endAsComment = -1;
    private int endAsNestedComment = -1;

    Lexer(String sql, boolean backslashEscapes, boolean ansiQuotes) {
      this.sql = sql;
      this.n = sql.length();
      this.backslashEscapes = backslashEscapes;
      this.ansiQuotes = ansiQuotes;
    }

    private char at(int i) {
      return i < n ? sql.charAt(i) : '\0';
    }

    /** Gives up: the rest cannot be read with certainty. */
    private int fail() {
      certain = false;
      return n;
    }

    void run() {
      int i = 0;
      while (i < n) {
        char c = sql.charAt(i);
        if (c == '/' && at(i + 1) == '*') {
          i = blockComment(i);
        } else if (c == '*' && at(i + 1) == '/' && inExecutable) {
          i = endExecutable(i + 2);
        } else if (c == '#' || (c == '-' && at(i + 1) == '-' && (i + 2 >= n || at(i + 2) <= ' ' || at(i + 2) == 0x7f))) {
          i = lineComment(i);
        } else if (c == '\'') {
          i = string(i, i, '\'');
        } else if (c == '"') {
          i = ansiQuotes ? identifier(i, '"') : string(i, i, '"');
        } else if (c == '`') {
          i = identifier(i, '`');
        } else if (isDigit(c) || (c == '.' && isDigit(at(i + 1)) && !(i > 0 && isWordPart(sql.charAt(i - 1))))) {
          i = number(i, i);
        } else if (c == '-' && startsNumber(i + 1) && !(i > 0 && (isWordPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '.'))) {
          // A minus that cannot be an operator goes with the number, as the literal's sign.
          i = number(i, i + 1);
        } else if (isWordStart(c)) {
          i = word(i);
        } else if (c == '\0') {
          i = fail();
        } else {
          i++;
        }
      }
      if (inExecutable) {
        fail();
      }
    }

    private int lineComment(int i) {
      // MySQL wants a blank or a control character after "--", or the end (checked by the caller).
      // It ends the comment at a NUL too, and reads SQL after it: that cannot be told for certain.
      for (int j = i; j < n; j++) {
        char c = sql.charAt(j);
        if (c == '\n') {
          return j;
        }
        if (c == '\0') {
          return fail();
        }
      }
      return n;
    }

    private boolean startsNumber(int i) {
      return isDigit(at(i)) || (at(i) == '.' && isDigit(at(i + 1)));
    }

    private int blockComment(int i) {
      char marker = at(i + 2);
      boolean mariaDb = marker == 'M' && at(i + 3) == '!';
      if (marker == '!' || mariaDb || marker == '+') {
        if (inExecutable) {
          return fail();
        }
        return marker == '+' ? hint(i) : startExecutable(i, mariaDb);
      }
      int end = endOfComment(i + 2, 0);
      if (end < 0) {
        return fail();
      }
      if (!inExecutable) {
        comments.add(sql.substring(i + 2, end - 2));
      }
      return end;
    }

    private int hint(int i) {
      // Read as a hint only after SELECT, INSERT, ...; elsewhere a plain comment. The hint reader knows
      // quotes and the comment reader does not: a quote makes the end depend on where the hint is.
      int end = endOfComment(i + 2, 0);
      if (end < 0) {
        return fail();
      }
      for (int j = i + 3; j < end - 2; j++) {
        char c = sql.charAt(j);
        if (c == '\'' || c == '"' || c == '`') {
          return fail();
        }
      }
      return end;
    }

    private int startExecutable(int i, boolean mariaDb) {
      int afterMarker = i + (mariaDb ? 4 : 3);
      int digits = afterMarker;
      while (isDigit(at(digits))) {
        digits++;
      }
      // MySQL reads a version of 5 digits and the digits after them as SQL; MariaDB reads 6 (/*M! only
      // on MariaDB). Where the two differ, which digits are SQL cannot be told.
      int length = digits - afterMarker;
      if (mariaDb ? length > 6 : length > 5) {
        return fail();
      }
      // A server older than the version reads the body as a comment.
      boolean versioned = length >= 5;
      int body = versioned ? digits : afterMarker;
      // A server skipping a versioned comment allows one nested comment; MySQL reads /*M! as a plain comment.
      endAsNestedComment = versioned ? endOfComment(body, 1) : -1;
      endAsComment = mariaDb ? endOfComment(body, 0) : -1;
      if ((versioned && endAsNestedComment < 0) || (mariaDb && endAsComment < 0)) {
        return fail();
      }
      inExecutable = true;
      return body;
    }

    private int endExecutable(int end) {
      if ((endAsNestedComment >= 0 && endAsNestedComment != end) || (endAsComment >= 0 && endAsComment != end)) {
        return fail();
      }
      inExecutable = false;
      return end;
    }

    /** The index after the {@code *}{@code /} that ends a comment whose body starts at {@code from}; -1 if none. */
    private int endOfComment(int from, int nesting) {
      int j = from;
      while (j < n) {
        char c = sql.charAt(j);
        if (nesting > 0 && c == '/' && at(j + 1) == '*') {
          j = endOfComment(j + 2, nesting - 1);
          if (j < 0) {
            return -1;
          }
        } else if (c == '*' && at(j + 1) == '/') {
          return j + 2;
        } else {
          j++;
        }
      }
      return -1;
    }

    private int string(int start, int quoteAt, char quote) {
      int j = quoteAt + 1;
      while (j < n) {
        char c = sql.charAt(j);
        if (c == '\\' && backslashEscapes) {
          j += 2;
        } else if (c == quote) {
          if (at(j + 1) == quote && j + 1 < n) {
            j += 2;
          } else {
            literals.add(new Literal(sql, Kind.STRING, start, j + 1, quoteAt + 1, j, backslashEscapes));
            return j + 1;
          }
        } else {
          j++;
        }
      }
      return fail();
    }

    private int identifier(int start, char quote) {
      int j = start + 1;
      while (j < n) {
        if (sql.charAt(j) == quote) {
          if (j + 1 < n && sql.charAt(j + 1) == quote) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return fail();
    }

    /** A quoted hex or bit literal whose opening quote is at {@code quoteAt}: no escapes, ends at the next quote. */
    private int quotedBinary(int start, int quoteAt, Kind kind) {
      int close = sql.indexOf('\'', quoteAt + 1);
      if (close < 0) {
        return fail();
      }
      literals.add(new Literal(sql, kind, start, close + 1, quoteAt + 1, close, false));
      return close + 1;
    }

    /** A number whose digits (or leading dot) start at {@code j}; the literal starts at {@code start}. */
    private int number(int start, int j) {
      if (at(j) == '0' && at(j + 1) == 'x' && isHexDigit(at(j + 2))) {
        int k = j + 2;
        while (isHexDigit(at(k))) {
          k++;
        }
        return isWordPart(at(k)) ? other(start, k) : add(Kind.HEX, start, k, j + 2, k);
      }
      if (at(j) == '0' && at(j + 1) == 'b' && (at(j + 2) == '0' || at(j + 2) == '1')) {
        int k = j + 2;
        while (at(k) == '0' || at(k) == '1') {
          k++;
        }
        return isWordPart(at(k)) ? other(start, k) : add(Kind.BITS, start, k, j + 2, k);
      }
      int k = j;
      while (isDigit(at(k))) {
        k++;
      }
      if (at(k) == '.') {
        k++;
        while (isDigit(at(k))) {
          k++;
        }
      }
      if ((at(k) == 'e' || at(k) == 'E')
          && (isDigit(at(k + 1)) || ((at(k + 1) == '+' || at(k + 1) == '-') && isDigit(at(k + 2))))) {
        k += 2;
        while (isDigit(at(k))) {
          k++;
        }
      }
      return isWordPart(at(k)) ? other(start, k) : add(Kind.NUMBER, start, k, start, k);
    }

    /** A word that starts like a number but goes on like an identifier ({@code 123abc}, {@code 0x1g}). */
    private int other(int start, int k) {
      while (isWordPart(at(k))) {
        k++;
      }
      return add(Kind.OTHER, start, k, start, k);
    }

    private int add(Kind kind, int start, int end, int contentStart, int contentEnd) {
      literals.add(new Literal(sql, kind, start, end, contentStart, contentEnd, false));
      return end;
    }

    private int word(int i) {
      int end = i + 1;
      while (isWordPart(at(end))) {
        end++;
      }
      char first = sql.charAt(i);
      if (end - i == 1 && at(end) == '\'') {
        switch (first) {
          case 'x', 'X':
            return quotedBinary(i, end, Kind.HEX);
          case 'b', 'B':
            return quotedBinary(i, end, Kind.BITS);
          case 'n', 'N':
            return string(i, end, '\'');
          default:
            return end;
        }
      }
      if (first == '_') {
        // A character set introducer: the literal after it (and any blanks) is one literal with it.
        int j = end;
        while (j < n && isBlank(sql.charAt(j))) {
          j++;
        }
        char c = at(j);
        if (c == '\'' || (c == '"' && !ansiQuotes)) {
          return string(i, j, c);
        }
        if ((c == 'x' || c == 'X') && at(j + 1) == '\'') {
          return quotedBinary(i, j + 1, Kind.HEX);
        }
        if ((c == 'b' || c == 'B') && at(j + 1) == '\'') {
          return quotedBinary(i, j + 1, Kind.BITS);
        }
        if (c == '0' && (at(j + 1) == 'x' || at(j + 1) == 'b')) {
          return number(i, j);
        }
        return end;
      }
      if (end - i == 4 && sql.regionMatches(true, i, "TRUE", 0, 4)
          || end - i == 5 && sql.regionMatches(true, i, "FALSE", 0, 5)) {
        return add(Kind.BOOLEAN, i, end, i, end);
      }
      return end;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  /** Unquoted identifiers are of letters, digits, '_', '$' and anything beyond ASCII. */
  private static boolean isWordPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$' || c >= 0x80;
  }

  private static boolean isWordStart(char c) {
    return isWordPart(c) && !isDigit(c);
  }

  /** A string's value, with the server's escapes undone ({@code \%} and {@code \_} keep their backslash). */
  private static String unescape(String sql, int from, int to, boolean backslashEscapes) {
    char quote = sql.charAt(from - 1);
    StringBuilder value = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = sql.charAt(i);
      if (c == '\\' && backslashEscapes && i + 1 < to) {
        char e = sql.charAt(++i);
        switch (e) {
          case '0' -> value.append('\0');
          case 'b' -> value.append('\b');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'Z' -> value.append('\u001a');
          case '%', '_' -> value.append('\\').append(e);
          default -> value.append(e);
        }
      } else if (c == quote && i + 1 < to) {
        value.append(quote);
        i++;
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  private static boolean isPlainNumber(String sql, int from, int to) {
    if (from >= to || to - from > MAX_NUMBER_LENGTH) {
      return false;
    }
    boolean digit = false;
    for (int i = from; i < to; i++) {
      char c = sql.charAt(i);
      digit |= isDigit(c);
      if (!isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
        return false;
      }
    }
    return digit;
  }

  private static BigDecimal parseNumber(String sql, int from, int to) {
    if (to - from > MAX_NUMBER_LENGTH) {
      return null;
    }
    try {
      return new BigDecimal(sql.substring(from, to));
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static byte[] hexBytes(String sql, int from, int to) {
    int digits = to - from;
    byte[] out = new byte[(digits + 1) / 2];
    // An odd number of digits is read with a leading zero, as MySQL reads 0x..
    int pos = digits % 2 == 0 ? 0 : 1;
    for (int i = from; i < to; i++, pos++) {
      int v = Character.digit(sql.charAt(i), 16);
      if (v < 0) {
        return null;
      }
      out[pos / 2] |= (byte) (pos % 2 == 0 ? v << 4 : v);
    }
    return out;
  }

  private static byte[] bitBytes(String sql, int from, int to) {
    int bits = to - from;
    byte[] out = new byte[(bits + 7) / 8];
    int pos = out.length * 8 - bits;
    for (int i = from; i < to; i++, pos++) {
      char c = sql.charAt(i);
      if (c != '0' && c != '1') {
        return null;
      }
      if (c == '1') {
        out[pos / 8] |= (byte) (0x80 >>> (pos % 8));
      }
    }
    return out;
  }
}
