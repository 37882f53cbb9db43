package io.cdcaudit.codec.internal;

import java.util.List;

/**
 * The names of Maxwell's multi-word fields under its two naming strategies
 * ({@code output_naming_strategy}, Maxwell 1.26 and later). Internal: not part of the public API.
 *
 * <p>With {@code underscore_to_camelcase} Maxwell renames every field of a row event it writes
 * itself ({@code server_id} becomes {@code serverId}) and the column names in {@code data} and
 * {@code old}, but not the column names listed in {@code primaryKeyColumns}, the Kafka key, or DDL
 * events, whose names stay as they are.
 */
public final class MaxwellNames {

  /** The multi-word fields of a row event, as Maxwell names them by default. */
  private static final List<String> MULTI_WORD = List.of(
      "primary_key", "primary_key_columns", "server_id", "thread_id", "schema_id", "push_ts");

  /** Maxwell's default names: as they are. */
  public static final MaxwellNames AS_IS = new MaxwellNames(false);

  /** {@code output_naming_strategy=underscore_to_camelcase}. */
  public static final MaxwellNames CAMEL_CASE = new MaxwellNames(true);

  private final boolean camel;
  private final List<String> foreign;

  private MaxwellNames(boolean camel) {
    this.camel = camel;
    this.foreign = camel ? MULTI_WORD : MULTI_WORD.stream().map(MaxwellNames::camelCase).toList();
  }

  /** The name under this strategy of a field or column Maxwell names {@code name} by default. */
  public String of(String name) {
    return camel ? camelCase(name) : name;
  }

  /** Whether this strategy renames columns (so key column names must be renamed to be found in data). */
  public boolean renamesColumns() {
    return camel;
  }

  /** The multi-word field names the other strategy prints: an event that has one was written with it. */
  public List<String> foreignFields() {
    return foreign;
  }

  /**
   * Maxwell's {@code underscore_to_camelcase}: an underscore is dropped and the lower-case letter
   * after it (if any) made upper case; underscores at the start and at the end are dropped; a name
   * of only underscores stays as it is.
   */
  public static String camelCase(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c != '_') {
        out.append(c);
        i++;
      } else if (out.length() == 0 || i + 1 == name.length()) {
        i++; // a leading or final underscore
      } else {
        // The character after the underscore is taken as it is, upper-cased if it is a lower-case letter.
        char next = name.charAt(i + 1);
        out.append(Character.isLowerCase(next) ? Character.toUpperCase(next) : next);
        i += 2;
      }
    }
    return out.length() == 0 ? name : out.toString();
  }
}
