package io.cdcaudit.store.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SortKeyRange: one rule for time ranges and cursors")
class SortKeyRangeTest {

  private static final Instant T0 = TestEvents.T0;
  private static final Duration MICRO = Duration.ofNanos(1_000);

  private static String keyAt(Instant t, String seed) {
    return AuditRecord.of(TestEvents.base(Operation.INSERT, seed).committedAt(t)
        .after(Row.builder().put("id", 1).build()).build(), t).sortKey();
  }

  @Test
  @DisplayName("an open range on a first page holds every key, and its exclusive view is '' to '~'")
  void open() {
    SortKeyRange range = SortKeyRange.of(TimeRange.all(), PageRequest.oldestFirst(10));

    assertThat(range.lower()).isEmpty();
    assertThat(range.upper()).isEmpty();
    assertThat(range.exclusiveLow()).isEmpty();
    assertThat(range.exclusiveHigh()).isEqualTo(SortKeyRange.ABOVE_EVERY_KEY);
    assertThat(range.isEmpty()).isFalse();
    assertThat(range.contains(keyAt(Instant.EPOCH, "a"))).isTrue();
    assertThat(range.toString()).isEqualTo("(-inf, +inf)");
  }

  @Test
  @DisplayName("the range's start is inclusive and its end exclusive, to the microsecond")
  void timeBounds() {
    Instant end = T0.plusSeconds(60);
    SortKeyRange range = SortKeyRange.of(TimeRange.between(T0, end), PageRequest.oldestFirst(10));

    assertThat(range.lower()).contains(new SortKeyRange.Bound(AuditRecord.timePrefix(T0), true));
    assertThat(range.upper()).contains(new SortKeyRange.Bound(AuditRecord.timePrefix(end), false));
    assertThat(range.contains(keyAt(T0, "at-start"))).isTrue();
    assertThat(range.contains(keyAt(T0.minus(MICRO), "just-before"))).isFalse();
    assertThat(range.contains(keyAt(end.minus(MICRO), "just-before-end"))).isTrue();
    assertThat(range.contains(keyAt(end, "at-end"))).isFalse();
  }

  @Test
  @DisplayName("oldest first, the cursor is an exclusive lower bound")
  void cursorOldestFirst() {
    String cursor = keyAt(T0.plusSeconds(5), "cursor");
    SortKeyRange range = SortKeyRange.of(TimeRange.since(T0), PageRequest.oldestFirst(10).next(cursor));

    assertThat(range.lower()).contains(new SortKeyRange.Bound(cursor, false));
    assertThat(range.contains(cursor)).isFalse();
    assertThat(range.contains(keyAt(T0.plusSeconds(5).plus(MICRO), "next"))).isTrue();
    assertThat(range.contains(keyAt(T0.plusSeconds(4), "earlier"))).isFalse();
  }

  @Test
  @DisplayName("newest first, the cursor is an exclusive upper bound")
  void cursorNewestFirst() {
    String cursor = keyAt(T0.plusSeconds(5), "cursor");
    SortKeyRange range = SortKeyRange.of(TimeRange.before(T0.plusSeconds(60)), PageRequest.newestFirst(10).next(cursor));

    assertThat(range.upper()).contains(new SortKeyRange.Bound(cursor, false));
    assertThat(range.contains(cursor)).isFalse();
    assertThat(range.contains(keyAt(T0.plusSeconds(4), "older"))).isTrue();
    assertThat(range.contains(keyAt(T0.plusSeconds(6), "newer"))).isFalse();
  }

  @Test
  @DisplayName("a cursor outside the range does not widen it: the tighter bound wins")
  void cursorOutsideTheRange() {
    String early = keyAt(T0.minusSeconds(60), "early");
    SortKeyRange oldest = SortKeyRange.of(TimeRange.since(T0), PageRequest.oldestFirst(10).next(early));
    assertThat(oldest.lower()).contains(new SortKeyRange.Bound(AuditRecord.timePrefix(T0), true));

    String late = keyAt(T0.plusSeconds(120), "late");
    SortKeyRange newest = SortKeyRange.of(TimeRange.before(T0.plusSeconds(60)), PageRequest.newestFirst(10).next(late));
    assertThat(newest.upper()).contains(new SortKeyRange.Bound(AuditRecord.timePrefix(T0.plusSeconds(60)), false));
  }

  @Test
  @DisplayName("an empty time range, or a cursor past the range's end, is empty")
  void empty() {
    assertThat(SortKeyRange.of(TimeRange.between(T0, T0), PageRequest.oldestFirst(10)).isEmpty()).isTrue();
    assertThat(SortKeyRange.of(TimeRange.between(T0, T0.plus(MICRO)), PageRequest.oldestFirst(10)).isEmpty()).isFalse();
    String pastEnd = keyAt(T0.plusSeconds(61), "past");
    assertThat(SortKeyRange.of(TimeRange.before(T0.plusSeconds(60)), PageRequest.oldestFirst(10).next(pastEnd)).isEmpty())
        .isTrue();
    String beforeStart = keyAt(T0.minusSeconds(1), "before");
    assertThat(SortKeyRange.of(TimeRange.since(T0), PageRequest.newestFirst(10).next(beforeStart)).isEmpty()).isTrue();
  }

  @Test
  @DisplayName("the exclusive view holds exactly the keys the range contains, since no key equals a time prefix")
  void exclusiveViewIsExact() {
    List<String> keys = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (int i = -3; i <= 3; i++) {
      times.add(T0.plus(MICRO.multipliedBy(i)));
      keys.add(keyAt(T0.plus(MICRO.multipliedBy(i)), "k" + i));
    }
    for (Instant from : times) {
      for (Instant until : times) {
        if (until.isBefore(from)) {
          continue;
        }
        for (String cursor : keys) {
          for (PageRequest page : List.of(PageRequest.oldestFirst(5), PageRequest.oldestFirst(5).next(cursor),
              PageRequest.newestFirst(5).next(cursor))) {
            SortKeyRange range = SortKeyRange.of(TimeRange.between(from, until), page);
            for (String key : keys) {
              boolean exclusive = key.compareTo(range.exclusiveLow()) > 0 && key.compareTo(range.exclusiveHigh()) < 0;
              assertThat(exclusive).as("%s in %s", key, range).isEqualTo(range.contains(key));
            }
          }
        }
      }
    }
  }

  @Test
  @DisplayName("toString shows each bound's inclusivity")
  void describes() {
    SortKeyRange range = SortKeyRange.of(TimeRange.between(T0, T0.plusSeconds(1)), PageRequest.oldestFirst(1));
    assertThat(range.toString())
        .isEqualTo("[" + AuditRecord.timePrefix(T0) + ", " + AuditRecord.timePrefix(T0.plusSeconds(1)) + ")");
  }
}
