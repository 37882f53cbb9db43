package io.cdcaudit.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RowColumnActorResolver")
class RowColumnActorResolverTest {

  private static final RowColumnActorResolver RESOLVER = RowColumnActorResolver.of("updated_by", "created_by");

  @Test
  @DisplayName("reads the first non-empty column of the after image")
  void firstColumn() {
    Row after = Row.builder().put("id", 1).put("created_by", "carol").put("updated_by", "alice").build();
    Actor actor = RESOLVER.resolve(TestEvents.insert(after)).orElseThrow();
    assertThat(actor.name()).isEqualTo("alice");
    assertThat(actor.source()).isEqualTo(Actor.Source.ROW_COLUMN);
    assertThat(actor.attributes()).isEqualTo(Map.of("column", "updated_by", "image", "after"));
  }

  @Test
  @DisplayName("skips NULL, blank and absent columns")
  void skipsEmpty() {
    Row nullFirst = Row.builder().put("id", 1).put("updated_by", Value.NULL).put("created_by", "carol").build();
    Row blankFirst = Row.builder().put("id", 1).put("updated_by", "  ").put("created_by", "carol").build();
    Row absentFirst = Row.builder().put("id", 1).put("created_by", "carol").build();
    assertThat(RESOLVER.resolve(TestEvents.insert(nullFirst)).orElseThrow().attributes()).containsEntry("column", "created_by");
    assertThat(RESOLVER.resolve(TestEvents.insert(blankFirst)).map(Actor::name)).contains("carol");
    assertThat(RESOLVER.resolve(TestEvents.insert(absentFirst)).map(Actor::name)).contains("carol");
  }

  @Test
  @DisplayName("finds nobody when no column has a value")
  void nobody() {
    Row after = Row.builder().put("id", 1).put("updated_by", "").build();
    assertThat(RESOLVER.resolve(TestEvents.insert(after))).isEmpty();
  }

  @Test
  @DisplayName("reads the after image of an update, not the before image")
  void updateUsesAfter() {
    Row before = Row.builder().put("id", 1).put("updated_by", "alice").build();
    Row after = Row.builder().put("id", 1).put("updated_by", "bob").build();
    assertThat(RESOLVER.resolve(TestEvents.update(before, after)).map(Actor::name)).contains("bob");
  }

  @Test
  @DisplayName("reads the before image of a delete and says so")
  void deleteUsesBefore() {
    Row before = Row.builder().put("id", 1).put("updated_by", "alice").build();
    Actor actor = RESOLVER.resolve(TestEvents.delete(before)).orElseThrow();
    assertThat(actor.name()).isEqualTo("alice");
    assertThat(actor.attributes()).containsEntry("image", "before");
  }

  @Test
  @DisplayName("reads a numeric user id as its text")
  void numeric() {
    Row after = Row.builder().put("id", 1).put("updated_by", 42).build();
    assertThat(RESOLVER.resolve(TestEvents.insert(after)).map(Actor::name)).contains("42");
  }

  @Test
  @DisplayName("needs at least one non-blank column name")
  void validation() {
    assertThatThrownBy(RowColumnActorResolver::of)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RowColumnActorResolver");
    assertThatThrownBy(() -> RowColumnActorResolver.of("updated_by", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RowColumnActorResolver");
    assertThatThrownBy(() -> RowColumnActorResolver.of((String) null)).isInstanceOf(NullPointerException.class);
  }
}
