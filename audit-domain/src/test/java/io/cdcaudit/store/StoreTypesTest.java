package io.cdcaudit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.EventId;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.TableRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StoreTypesTest {

  private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2025-02-01T00:00:00Z");

  @Nested
  @DisplayName("TimeRange")
  class TimeRanges {

    @Test
    @DisplayName("rejects a range that ends before it starts")
    void rejectsBackwards() {
      assertThatThrownBy(() -> TimeRange.between(T2, T1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ends before it starts");
    }

    @Test
    @DisplayName("contains its start and not its end")
    void bounds() {
      TimeRange r = TimeRange.between(T1, T2);
      assertThat(r.contains(T1)).isTrue();
      assertThat(r.contains(T2.minusNanos(1))).isTrue();
      assertThat(r.contains(T2)).isFalse();
      assertThat(r.contains(T1.minusNanos(1))).isFalse();
    }

    @Test
    @DisplayName("an empty range (from = until) contains nothing")
    void empty() {
      assertThat(TimeRange.between(T1, T1).contains(T1)).isFalse();
    }

    @Test
    @DisplayName("open ends contain everything on that side")
    void openEnds() {
      assertThat(TimeRange.all().contains(Instant.EPOCH)).isTrue();
      assertThat(TimeRange.since(T1).contains(Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
      assertThat(TimeRange.since(T1).contains(T1.minusSeconds(1))).isFalse();
      assertThat(TimeRange.before(T1).contains(Instant.EPOCH)).isTrue();
      assertThat(TimeRange.before(T1).contains(T1)).isFalse();
      assertThat(TimeRange.all().start()).isEmpty();
      assertThat(TimeRange.all().end()).isEmpty();
      assertThat(TimeRange.since(T1).start()).contains(T1);
      assertThat(TimeRange.before(T2).end()).contains(T2);
    }
  }

  @Nested
  @DisplayName("Page")
  class Pages {

    @Test
    @DisplayName("has a next page only with a cursor")
    void hasNext() {
      assertThat(Page.last(List.of(1, 2)).hasNext()).isFalse();
      assertThat(Page.last(List.of(1, 2)).next()).isEmpty();
      Page<Integer> p = new Page<>(List.of(1), "c");
      assertThat(p.hasNext()).isTrue();
      assertThat(p.next()).contains("c");
    }

    @Test
    @DisplayName("copies its items")
    void copies() {
      List<Integer> items = new ArrayList<>(List.of(1, 2));
      Page<Integer> p = Page.last(items);
      items.add(3);
      assertThat(p.items()).containsExactly(1, 2);
      assertThatThrownBy(() -> new Page<Integer>(null, null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  @DisplayName("AppendResult")
  class AppendResults {

    @Test
    @DisplayName("allStored has no rejections, and rejecting nothing is allStored")
    void allStored() {
      assertThat(AppendResult.allStored().rejected()).isEmpty();
      assertThat(AppendResult.rejecting(List.of())).isSameAs(AppendResult.allStored());
    }

    @Test
    @DisplayName("keeps a copy of the rejections")
    void rejections() {
      List<AppendResult.Rejection> list = new ArrayList<>(List.of(new AppendResult.Rejection(EventId.of("a"), "too large")));
      AppendResult r = AppendResult.rejecting(list);
      list.clear();
      assertThat(r.rejected()).containsExactly(new AppendResult.Rejection(EventId.of("a"), "too large"));
    }

    @Test
    @DisplayName("a rejection needs an id and a reason")
    void rejectionValidation() {
      assertThatThrownBy(() -> new AppendResult.Rejection(null, "r")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new AppendResult.Rejection(EventId.of("a"), null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new AppendResult(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  @DisplayName("AuditQuery")
  class Queries {

    @Test
    @DisplayName("a row history needs a primary key")
    void rowHistoryNeedsKey() {
      assertThatThrownBy(() -> AuditQuery.rowHistory(TableRef.of("shop", "users"), PrimaryKey.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("primary key");
    }

    @Test
    @DisplayName("queries cover all times until narrowed with within()")
    void within() {
      TimeRange r = TimeRange.between(T1, T2);
      assertThat(AuditQuery.byActor("alice").range()).isEqualTo(TimeRange.all());
      assertThat(AuditQuery.byActor("alice").within(r).range()).isEqualTo(r);
      assertThat(AuditQuery.byTable(TableRef.of("shop", "users")).within(r).range()).isEqualTo(r);
      assertThat(AuditQuery.byTransaction("42").within(r).transactionId()).isEqualTo("42");
      assertThat(AuditQuery.rowHistory(TableRef.of("shop", "users"), PrimaryKey.of("id", 1)).within(r).key())
          .isEqualTo(PrimaryKey.of("id", 1));
    }
  }
}
