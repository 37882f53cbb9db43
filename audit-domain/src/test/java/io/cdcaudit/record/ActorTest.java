package io.cdcaudit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Actor")
class ActorTest {

  @Test
  @DisplayName("UNKNOWN has no name, no attributes and is not known")
  void unknown() {
    assertThat(Actor.UNKNOWN.name()).isNull();
    assertThat(Actor.UNKNOWN.attributes()).isEmpty();
    assertThat(Actor.UNKNOWN.isKnown()).isFalse();
    assertThat(Actor.of("alice", Actor.Source.ROW_COLUMN).isKnown()).isTrue();
  }

  @Test
  @DisplayName("an actor of unknown source cannot have a name")
  void unknownWithName() {
    assertThatThrownBy(() -> Actor.of("alice", Actor.Source.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown source");
  }

  @ParameterizedTest(name = "an actor attributed by {0} needs a non-blank name")
  @EnumSource(value = Actor.Source.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
  void knownNeedsName(Actor.Source source) {
    assertThatThrownBy(() -> Actor.of(null, source))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(source.name());
    assertThatThrownBy(() -> Actor.of("  ", source)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("requires a source and attributes")
  void requiresParts() {
    assertThatThrownBy(() -> new Actor("a", null, Map.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Actor("a", Actor.Source.SQL_COMMENT, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("sorts attributes by key, copies them and keeps them unmodifiable")
  void attributes() {
    Map<String, String> given = new HashMap<>();
    given.put("z", "1");
    given.put("a", "2");
    given.put("m", "3");
    Actor actor = new Actor("alice", Actor.Source.SQL_COMMENT, given);
    given.put("b", "4");
    assertThat(actor.attributes().keySet()).containsExactly("a", "m", "z");
    assertThatThrownBy(() -> actor.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @DisplayName("actors with the same name, source and attributes are equal")
  void equality() {
    assertThat(new Actor("a", Actor.Source.SQL_COMMENT, Map.of("k", "v")))
        .isEqualTo(new Actor("a", Actor.Source.SQL_COMMENT, new HashMap<>(Map.of("k", "v"))))
        .isNotEqualTo(new Actor("a", Actor.Source.ROW_COLUMN, Map.of("k", "v")));
  }
}
