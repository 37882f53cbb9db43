package io.cdcaudit.record;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who made a change, and how the library knows.
 *
 * <p>Binlog change-data-capture does not carry the user who made a change, so the actor is
 * attributed by resolvers (see {@link io.cdcaudit.actor.ActorResolver}); {@link #source()} says
 * which kind of evidence named it, so an auditor can weigh it.
 *
 * @param name the actor's name, or {@code null} when {@link #UNKNOWN}
 * @param source the kind of evidence
 * @param attributes further tags that came with the evidence (for example a request id), sorted by key
 */
public record Actor(String name, Source source, Map<String, String> attributes) {

  /** The actor could not be attributed. */
  public static final Actor UNKNOWN = new Actor(null, Source.UNKNOWN, Map.of());

  /** The kind of evidence that names an actor. */
  public enum Source {
    /** A tag in a SQL comment of the statement ({@code /* actor='alice' *}{@code /}). */
    SQL_COMMENT,
    /** A column of the changed row, such as {@code updated_by}. */
    ROW_COLUMN,
    /** A row the application wrote in the same transaction to say who acts. */
    TRANSACTION_CONTEXT,
    /** The database user of the connection, from the database's own audit log. */
    DATABASE_USER,
    /** No evidence. */
    UNKNOWN
  }

  /**
   * Sorts the attributes and checks that a known actor has a name and an unknown one has none.
   *
   * @param name the actor's name, or {@code null} when {@link #UNKNOWN}
   * @param source the kind of evidence
   * @param attributes further tags that came with the evidence (for example a request id), sorted by key
   */
  public Actor {
    Objects.requireNonNull(source, "source");
    attributes = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(attributes, "attributes")));
    if (source == Source.UNKNOWN) {
      if (name != null) {
        throw new IllegalArgumentException("an actor of unknown source has no name");
      }
    } else if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an actor attributed by " + source + " needs a name");
    }
  }

  /**
   * An actor without further attributes.
   *
   * @param name the actor's name, not blank
   * @param source the kind of evidence that named it (not {@link Source#UNKNOWN}: use {@link #UNKNOWN})
   * @return the actor
   */
  public static Actor of(String name, Source source) {
    return new Actor(name, source, Map.of());
  }

  /**
   * Whether any evidence named the actor.
   *
   * @return {@code false} for {@link #UNKNOWN}
   */
  public boolean isKnown() {
    return source != Source.UNKNOWN;
  }
}
