package io.cdcaudit.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over dotted names such as {@code db.table} or {@code db.table.column}: {@code *} matches
 * any run of characters (dots included), {@code ?} one character; everything else matches itself,
 * case-sensitively.
 */
public final class NamePattern {

  private final String glob;
  private final Pattern regex;

  private NamePattern(String glob) {
    this.glob = glob;
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
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
    this.regex = Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /**
   * A pattern; {@code what} names the setting for the error message.
   *
   * @throws IllegalArgumentException when the glob is empty or has a blank
   */
  public static NamePattern of(String glob, String what) {
    Objects.requireNonNull(glob, what);
    if (glob.isEmpty() || glob.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(what + ": '" + glob + "' is not a name pattern (no blanks, not empty)");
    }
    return new NamePattern(glob);
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
