package io.cdcaudit.store;

import java.util.Objects;
import java.util.Set;

/**
 * A store was asked a kind of query it does not serve (see
 * {@link AuditQueries#supportedQueries()}). A configuration error, not a transient failure: pick a
 * store that serves the question, or ask another one.
 */
public final class UnsupportedQueryException extends UnsupportedOperationException {

  private static final long serialVersionUID = 1L;

  /** The kind that was asked. */
  private final AuditQuery.Kind kind;

  /**
   * Says which store refused which kind, and which kinds it serves.
   *
   * @param store the refusing store, as its {@code toString} names it
   * @param kind the kind that was asked
   * @param supported the kinds the store serves
   */
  public UnsupportedQueryException(String store, AuditQuery.Kind kind, Set<AuditQuery.Kind> supported) {
    super(store + " does not answer " + Objects.requireNonNull(kind, "kind") + " queries; it answers "
        + supported);
    this.kind = kind;
  }

  /**
   * Refuses {@code query} unless {@code store} declares its kind.
   *
   * @param store the store asked
   * @param query the query
   * @throws UnsupportedQueryException when the store does not serve the query's kind
   */
  public static void requireSupported(AuditQueries store, AuditQuery query) {
    Set<AuditQuery.Kind> supported = store.supportedQueries();
    if (!supported.contains(query.kind())) {
      throw new UnsupportedQueryException(store.toString(), query.kind(), supported);
    }
  }

  /**
   * The kind of query that was refused.
   *
   * @return the kind
   */
  public AuditQuery.Kind kind() {
    return kind;
  }
}
