package io.cdcaudit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.PrimaryKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AuditQuery: kinds, dispatch and what no query can ask")
class AuditQueryTest {

  private static final List<AuditQuery> ONE_OF_EACH = List.of(
      AuditQuery.rowHistory(TestEvents.USERS, PrimaryKey.of("id", 1)),
      AuditQuery.byActor("alice"),
      AuditQuery.byTable(TestEvents.USERS),
      AuditQuery.byTransaction("tx-1"));

  /** Names the method a query reached. */
  private static final AuditQuery.Visitor<AuditQuery.Kind> REACHED = new AuditQuery.Visitor<>() {
    @Override
    public AuditQuery.Kind rowHistory(AuditQuery.RowHistory query) {
      return AuditQuery.Kind.ROW_HISTORY;
    }

    @Override
    public AuditQuery.Kind byActor(AuditQuery.ByActor query) {
      return AuditQuery.Kind.BY_ACTOR;
    }

    @Override
    public AuditQuery.Kind byTable(AuditQuery.ByTable query) {
      return AuditQuery.Kind.BY_TABLE;
    }

    @Override
    public AuditQuery.Kind byTransaction(AuditQuery.ByTransaction query) {
      return AuditQuery.Kind.BY_TRANSACTION;
    }
  };

  @Test
  @DisplayName("each query reaches the visitor method of its own kind, and there is one query per kind")
  void dispatch() {
    for (AuditQuery query : ONE_OF_EACH) {
      assertThat(query.accept(REACHED)).as("%s", query).isEqualTo(query.kind());
    }
    assertThat(ONE_OF_EACH.stream().map(AuditQuery::kind).toList()).containsExactly(AuditQuery.Kind.values());
  }

  @Test
  @DisplayName("within keeps the kind and the question, and changes only the range")
  void within() {
    TimeRange range = TimeRange.since(Instant.parse("2026-01-01T00:00:00Z"));
    for (AuditQuery query : ONE_OF_EACH) {
      AuditQuery narrowed = query.within(range);
      assertThat(narrowed.range()).isEqualTo(range);
      assertThat(narrowed.kind()).isEqualTo(query.kind());
      assertThat(narrowed.within(query.range())).isEqualTo(query);
    }
  }

  @Test
  @DisplayName("a blank actor or an empty transaction id, which nothing has, is refused")
  void unmatchable() {
    assertThatThrownBy(() -> AuditQuery.byActor(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actor's name");
    assertThatThrownBy(() -> AuditQuery.byTransaction(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transaction id");
  }

  @Test
  @DisplayName("a store that does not serve a kind refuses it, naming the kind and what it serves")
  void unsupported() {
    AuditQueries rowsOnly = new AuditQueries() {
      @Override
      public Page<io.cdcaudit.record.AuditRecord> find(AuditQuery query, PageRequest page) {
        UnsupportedQueryException.requireSupported(this, query);
        return Page.last(List.of());
      }

      @Override
      public Set<AuditQuery.Kind> supportedQueries() {
        return EnumSet.of(AuditQuery.Kind.ROW_HISTORY);
      }

      @Override
      public String toString() {
        return "RowsOnlyStore";
      }
    };

    assertThat(rowsOnly.find(ONE_OF_EACH.get(0), PageRequest.oldestFirst(1)).items()).isEmpty();
    assertThatThrownBy(() -> rowsOnly.find(AuditQuery.byActor("alice"), PageRequest.oldestFirst(1)))
        .isInstanceOfSatisfying(UnsupportedQueryException.class, e -> assertThat(e.kind()).isEqualTo(AuditQuery.Kind.BY_ACTOR))
        .hasMessage("RowsOnlyStore does not answer BY_ACTOR queries; it answers [ROW_HISTORY]");
  }
}
