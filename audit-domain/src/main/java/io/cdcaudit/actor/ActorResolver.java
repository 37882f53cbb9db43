package io.cdcaudit.actor;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.record.Actor;
import java.util.List;
import java.util.Optional;

/**
 * Says who made a change, from one kind of evidence. Binlog change-data-capture does not carry the
 * user, so the pipeline tries resolvers in order and keeps the first answer (see
 * {@link #firstOf(ActorResolver...)}). Resolvers may be called from several threads at once.
 */
@FunctionalInterface
public interface ActorResolver {

  /**
   * The actor, or empty when this resolver's evidence is not in the event.
   *
   * @param event the change to attribute
   * @return the actor and how it is known, or empty
   */
  Optional<Actor> resolve(ChangeEvent event);

  /**
   * Never resolves anyone: every record's actor is {@link Actor#UNKNOWN}.
   *
   * @return the resolver
   */
  static ActorResolver none() {
    return event -> Optional.empty();
  }

  /**
   * Tries {@code resolvers} in order and returns the first answer, so that stronger evidence (a SQL
   * comment) can win over weaker (an {@code updated_by} column).
   *
   * @param resolvers the resolvers, strongest evidence first
   * @return the chained resolver
   */
  static ActorResolver firstOf(ActorResolver... resolvers) {
    List<ActorResolver> chain = List.of(resolvers);
    return event -> {
      for (ActorResolver resolver : chain) {
        Optional<Actor> actor = resolver.resolve(event);
        if (actor.isPresent()) {
          return actor;
        }
      }
      return Optional.empty();
    };
  }
}
