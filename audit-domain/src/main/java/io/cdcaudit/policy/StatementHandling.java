package io.cdcaudit.policy;

/**
 * What a {@link ColumnPolicy} does to the SQL statement of an event whose table has protected
 * columns. The statement can carry the very values a column policy hides.
 *
 * <p>Whatever the handling, the statement is first read the way the source server read it, in the
 * policy's {@link SqlMode}. A statement that cannot be read to the end with certainty is dropped:
 * an unterminated literal, quoted identifier or comment; an executable comment ({@code /*!50000 *}{@code /},
 * {@code /*M! *}{@code /}) or an optimizer hint whose end depends on the server; a {@code /*!}
 * version of more than 5 digits (MySQL reads 5 and the rest as SQL, MariaDB 6); a NUL character
 * outside a literal. The server read such a text some other way (often: in another sql_mode), so
 * any part of it may be a literal that looked like code or a comment.
 *
 * <p>Literals are the strings ({@code 'a'}, {@code "a"}, {@code N'a'}, {@code _utf8mb4'a'}), the
 * numbers ({@code 42}, {@code -1.5e3}, {@code .75}), the hex and bit literals ({@code X'61'},
 * {@code 0x61}, {@code B'1'}, {@code 0b1}), {@code TRUE} and {@code FALSE}, also in the body of an
 * executable comment, which is SQL. Plain comments ({@code /* *}{@code /}, {@code #}, {@code -- }),
 * optimizer hints and quoted identifiers are not literals and stay as written: a comment carries the
 * actor tag, and whatever else the application writes there.
 */
public enum StatementHandling {
  /**
   * Replaces the literals that are the event's own protected values with what the policy stores for
   * them ({@code ?} for an excluded column), and keeps the literals that are values of its
   * unprotected columns; it fails closed on anything else. Values are compared by meaning: numbers
   * by value ({@code 85000} is the DECIMAL {@code 85000.00}, so are {@code 8.5e4} and {@code '85000'}),
   * strings with their escapes undone, hex and bit literals by their bytes (the UTF-8 bytes of a
   * text) or their number.
   *
   * <p>When one literal is neither (a value passed through a function such as
   * {@code LOWER(' Alice ')}, the other rows of a multi-row INSERT, a constant such as
   * {@code LIMIT 10}, a spelling that is not compared) it cannot be told from a protected value,
   * and every literal of the statement is replaced with {@code ?}, as by {@link #REDACT_LITERALS}.
   */
  SCRUB_VALUES,
  /** Replaces every literal with {@code ?}; comments (and actor tags in them) stay. */
  REDACT_LITERALS,
  /** Drops the statement. */
  DROP
}
