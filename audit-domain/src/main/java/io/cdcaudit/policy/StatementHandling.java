package io.cdcaudit.policy;

/**
 * What a {@link ColumnPolicy} does to the SQL statement of an event whose table has protected
 * columns. The statement can carry the very values a column policy hides.
 */
public enum StatementHandling {
  /**
   * Replaces the event's own protected values where they appear as literals, with what the policy
   * stores for them. A statement that changed several rows (a multi-row INSERT) can still carry
   * the other rows' values: choose {@link #REDACT_LITERALS} where that matters.
   */
  SCRUB_VALUES,
  /** Replaces every string and number literal outside comments with {@code ?}; comments (and actor tags in them) stay. */
  REDACT_LITERALS,
  /** Drops the statement. */
  DROP
}
