package io.cdcaudit.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ActorResolver")
class ActorResolverTest {

  private static final ChangeEvent EVENT = TestEvents.insert(Row.builder().put("id", 1).build());

  private static ActorResolver recording(List<String> calls, String label, String answer) {
    return event -> {
      calls.add(label);
      return Optional.ofNullable(answer).map(n -> Actor.of(n, Actor.Source.DATABASE_USER));
    };
  }

  @Test
  @DisplayName("none() resolves nobody")
  void none() {
    assertThat(ActorResolver.none().resolve(EVENT)).isEmpty();
  }

  @Test
  @DisplayName("firstOf tries resolvers in order and stops at the first answer")
  void firstOfOrder() {
    List<String> calls = new ArrayList<>();
    ActorResolver chain = ActorResolver.firstOf(
        recording(calls, "a", null), recording(calls, "b", "bob"), recording(calls, "c", "carol"));
    assertThat(chain.resolve(EVENT)).map(Actor::name).contains("bob");
    assertThat(calls).containsExactly("a", "b");
  }

  @Test
  @DisplayName("firstOf resolves nobody when no resolver answers, or none is given")
  void firstOfNobody() {
    List<String> calls = new ArrayList<>();
    assertThat(ActorResolver.firstOf(recording(calls, "a", null), recording(calls, "b", null)).resolve(EVENT)).isEmpty();
    assertThat(calls).containsExactly("a", "b");
    assertThat(ActorResolver.firstOf().resolve(EVENT)).isEmpty();
  }
}
