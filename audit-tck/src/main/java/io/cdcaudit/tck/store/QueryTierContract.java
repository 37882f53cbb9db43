package io.cdcaudit.tck.store;

import static io.cdcaudit.tck.store.QueryFixtures.T0;
import static io.cdcaudit.tck.store.QueryFixtures.ids;
import static io.cdcaudit.tck.store.QueryFixtures.pagedChange;
import static io.cdcaudit.tck.store.QueryFixtures.pagedQuery;
import static io.cdcaudit.tck.store.QueryFixtures.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import io.cdcaudit.store.support.Pages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every query tier checks for its own kind of query: that the store declares it, and cursor
 * paging (every record once over pages of any size, the last page, stability under appends,
 * foreign cursors, empty ranges).
 *
 * @param <S> the store type
 */
public abstract class QueryTierContract<S extends AuditStore & AuditQueries> extends StoreContract<S> {

  /** For the query tiers of this kit. */
  protected QueryTierContract() {}

  /**
   * The kind of query this tier checks.
   *
   * @return the kind
   */
  protected abstract AuditQuery.Kind kind();

  /**
   * Every page of {@code query}.
   *
   * @param query the query
   * @param order the order
   * @param pageSize the page size
   * @return the records of every page, in order
   */
  protected List<AuditRecord> all(AuditQuery query, SortOrder order, int pageSize) {
    return QueryFixtures.all(store, query, order, pageSize);
  }

  @Test
  @DisplayName("the store declares this kind of query among those it serves")
  void declared() {
    assertThat(store.supportedQueries()).as("supportedQueries() of " + store).contains(kind());
  }

  @Nested
  @DisplayName("Paging")
  class Paging {

    @Test
    @DisplayName("returns every record exactly once over pages of any size, in both orders")
    void everyRecordOnce() {
      List<AuditRecord> records = new ArrayList<>();
      for (int i = 0; i < 57; i++) {
        records.add(pagedChange(i, T0.plusMillis(i / 3 * 1000L)));
      }
      store.append(records);
      AuditQuery query = pagedQuery(kind());

      for (SortOrder order : SortOrder.values()) {
        List<String> expected = ids(sorted(records, order));
        for (int size : new int[] {1, 2, 10, 56, 57, 58, 500}) {
          assertThat(ids(all(query, order, size))).as(order + " pages of " + size).containsExactlyElementsOf(expected);
        }
      }
    }

    @Test
    @DisplayName("records redelivered in batches cut differently are answered once, in both orders and any page size")
    void replayedInAnotherCut() {
      List<AuditRecord> records = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        records.add(pagedChange(i, T0.plusMillis(i * 700L)));
      }
      store.append(records.subList(0, 12));
      store.append(records.subList(0, 20)); // a replay after a crash, cut at another place
      store.append(records.subList(8, 30));
      AuditQuery query = pagedQuery(kind());

      for (SortOrder order : SortOrder.values()) {
        for (int size : new int[] {1, 7, 100}) {
          assertThat(ids(all(query, order, size))).as(order + " pages of " + size)
              .containsExactlyElementsOf(ids(sorted(records, order)));
        }
      }
      assertThat(storedCount()).isEqualTo(30);
    }

    @Test
    @DisplayName("says a page is the last when nothing follows, also when the last page is full")
    void lastPage() {
      store.append(List.of(pagedChange(0, T0), pagedChange(1, T0.plusSeconds(1))));

      Page<AuditRecord> first = store.find(pagedQuery(kind()), PageRequest.oldestFirst(2));

      assertThat(first.items()).hasSize(2);
      if (first.hasNext()) {
        Page<AuditRecord> second = store.find(pagedQuery(kind()), PageRequest.oldestFirst(2).next(first.nextCursor()));
        assertThat(second.items()).isEmpty();
        assertThat(second.hasNext()).isFalse();
      }
    }

    @Test
    @DisplayName("continues after the cursor when newer records arrive between pages")
    void stableUnderAppends() {
      List<AuditRecord> early = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        early.add(pagedChange(i, T0.plusSeconds(i)));
      }
      store.append(early);
      AuditQuery query = pagedQuery(kind());
      Page<AuditRecord> first = store.find(query, PageRequest.oldestFirst(4));
      AuditRecord later = pagedChange(99, T0.plusSeconds(100));
      store.append(List.of(later));

      List<AuditRecord> rest = new ArrayList<>();
      PageRequest request = PageRequest.oldestFirst(4).next(first.nextCursor());
      while (true) {
        Page<AuditRecord> page = store.find(query, request);
        rest.addAll(page.items());
        if (!page.hasNext()) {
          break;
        }
        request = request.next(page.nextCursor());
      }

      List<AuditRecord> expected = new ArrayList<>(early.subList(4, 10));
      expected.add(later);
      assertThat(ids(rest)).containsExactlyElementsOf(ids(expected));
    }

    @Test
    @DisplayName("rejects a cursor this library did not make")
    void foreignCursor() {
      assertThatThrownBy(() -> store.find(pagedQuery(kind()), PageRequest.oldestFirst(5).next("page-2")))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a cursor with a continuation token the store did not make continues after its sort key")
    void tokenItDidNotMake() {
      List<AuditRecord> records = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        records.add(pagedChange(i, T0.plusSeconds(i)));
      }
      store.append(records);
      AuditQuery query = pagedQuery(kind());
      for (SortOrder order : SortOrder.values()) {
        PageRequest first = new PageRequest(2, order, null);
        String cursor = store.find(query, first).nextCursor();
        String sortKey = first.next(cursor).afterSortKey().orElseThrow();
        PageRequest withToken = first.next(Pages.cursor(sortKey, "bm90LWEtdG9rZW4tb2YteW91cnM"));

        assertThat(ids(store.find(query, withToken).items())).as(order + ", after a foreign token")
            .containsExactlyElementsOf(ids(store.find(query, first.next(sortKey)).items()));
      }
    }

    @Test
    @DisplayName("an empty time range gives an empty last page; one instant wide, the records of that instant")
    void emptyAndNarrowRanges() {
      List<AuditRecord> records = List.of(pagedChange(0, T0), pagedChange(1, T0.plusSeconds(1)), pagedChange(2, T0.plusSeconds(2)));
      store.append(records);
      AuditQuery query = pagedQuery(kind());

      Page<AuditRecord> empty = store.find(query.within(TimeRange.between(T0.plusSeconds(1), T0.plusSeconds(1))),
          PageRequest.oldestFirst(10));
      List<AuditRecord> oneSecond = all(query.within(TimeRange.between(T0.plusSeconds(1), T0.plusSeconds(2))),
          SortOrder.NEWEST_FIRST, 1);

      assertThat(empty.items()).isEmpty();
      assertThat(empty.hasNext()).isFalse();
      assertThat(oneSecond).containsExactly(records.get(1));
    }
  }
}
