package io.cdcaudit.record;

import static io.cdcaudit.TestEvents.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AuditRecord")
class AuditRecordTest {

  @Test
  @DisplayName("belongs to the history of both keys when an update moved the row to another key")
  void rowKeysOfAMove() {
    Row before = Row.builder().put("id", Value.of(1)).build();
    Row after = Row.builder().put("id", Value.of(2)).build();
    ChangeEvent moved = base(Operation.UPDATE, "m").primaryKey(io.cdcaudit.event.PrimaryKey.of("id", 2))
        .before(before).after(after).build();
    assertThat(AuditRecord.of(moved, TestEvents.T0).rowKeys())
        .containsExactly(io.cdcaudit.event.PrimaryKey.of("id", 2), io.cdcaudit.event.PrimaryKey.of("id", 1));
    ChangeEvent keyless = base(Operation.INSERT, "k").after(after).build();
    assertThat(AuditRecord.of(keyless, TestEvents.T0).rowKeys()).isEmpty();
  }

  private static final Row ROW = Row.builder().put("id", 1).put("name", "alice").build();

  private static ChangeEvent event(String id, Instant committedAt, long offset) {
    return ChangeEvent.builder()
        .id(EventId.of(id))
        .producer("debezium")
        .table(TestEvents.USERS)
        .operation(Operation.INSERT)
        .committedAt(committedAt)
        .position(new SourcePosition(1L, "mysql-bin.000001", offset, 0, null))
        .after(ROW)
        .build();
  }

  private static AuditRecord record(ChangeEvent e) {
    return AuditRecord.of(e, TestEvents.T0);
  }

  @Nested
  @DisplayName("sortKey")
  class SortKey {

    @Test
    @DisplayName("starts with the commit time in microseconds, zero padded to 17 digits")
    void timePrefixFormat() {
      AuditRecord r = record(event("a", Instant.parse("1970-01-01T00:00:01.000002Z"), 4));
      assertThat(r.sortKey()).startsWith("00000000001000002|b:mysql-bin.000001:")
          .endsWith("|a");
      assertThat(r.sortKey()).isEqualTo(AuditRecord.sortKeyOf(r.event()));
    }

    @Test
    @DisplayName("sorts a 1970 record before a 2100 record as text")
    void paddedTimesSortAsText() {
      AuditRecord early = record(event("z", Instant.parse("1970-01-01T00:00:01Z"), 9));
      AuditRecord late = record(event("a", Instant.parse("2100-01-01T00:00:00Z"), 1));
      AuditRecord now = record(event("m", TestEvents.T0, 5));
      List<String> keys = new ArrayList<>(List.of(late.sortKey(), now.sortKey(), early.sortKey()));
      Collections.sort(keys);
      assertThat(keys).containsExactly(early.sortKey(), now.sortKey(), late.sortKey());
    }

    @Test
    @DisplayName("at the same commit time sorts by source order, before the id")
    void thenSourceOrder() {
      AuditRecord first = record(event("zzz", TestEvents.T0, 100));
      AuditRecord second = record(event("aaa", TestEvents.T0, 200));
      assertThat(first.sortKey()).isLessThan(second.sortKey());
    }

    @Test
    @DisplayName("at the same commit time and source order sorts by id")
    void thenId() {
      AuditRecord a = record(event("aaa", TestEvents.T0, 100));
      AuditRecord b = record(event("bbb", TestEvents.T0, 100));
      assertThat(a.sortKey()).isLessThan(b.sortKey());
    }

    @Test
    @DisplayName("a later microsecond sorts later whatever the source order")
    void timeFirst() {
      AuditRecord earlier = record(event("a", TestEvents.T0, 999_999));
      AuditRecord later = record(event("a", TestEvents.T0.plusNanos(1000), 1));
      assertThat(earlier.sortKey()).isLessThan(later.sortKey());
    }
  }

  @Nested
  @DisplayName("timePrefix")
  class TimePrefix {

    @Test
    @DisplayName("is 17 zeros at the epoch")
    void epoch() {
      assertThat(AuditRecord.timePrefix(Instant.EPOCH)).isEqualTo("00000000000000000");
    }

    @Test
    @DisplayName("is defined for every instant: before 1970 the lowest prefix, after the latest commit time the highest")
    void everyInstant() {
      assertThat(AuditRecord.timePrefix(Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo("00000000000000000");
      assertThat(AuditRecord.timePrefix(Instant.MIN)).isEqualTo("00000000000000000");
      assertThat(AuditRecord.timePrefix(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo("99999999999999999");
      assertThat(AuditRecord.timePrefix(Instant.MAX)).isEqualTo("99999999999999999");
      AuditRecord latest = record(event("a", ChangeEvent.LATEST_COMMIT_TIME, 1));
      assertThat(latest.sortKey()).isLessThan(AuditRecord.timePrefix(Instant.MAX));
      assertThat(latest.sortKey()).startsWith(AuditRecord.timePrefix(ChangeEvent.LATEST_COMMIT_TIME));
    }

    @Test
    @DisplayName("is exact past 2262, where nanoseconds since the epoch overflow a long")
    void past2262() {
      Instant t = Instant.parse("2300-01-01T00:00:00.000001Z");
      assertThat(AuditRecord.timePrefix(t)).isEqualTo("10413792000000001");
    }

    @Test
    @DisplayName("is at most the sort key of a record committed at that time")
    void atOrAfter() {
      AuditRecord r = record(event("a", TestEvents.T0, 1));
      assertThat(AuditRecord.timePrefix(TestEvents.T0)).isLessThanOrEqualTo(r.sortKey());
      assertThat(AuditRecord.timePrefix(TestEvents.T0.plusNanos(1000))).isGreaterThan(r.sortKey());
    }

    @Test
    @DisplayName("with a time between two microseconds, sorts after a record committed just before it")
    void subMicrosecondBound() {
      Instant t = Instant.parse("2025-03-01T09:15:00.000001500Z");
      AuditRecord before = record(event("a", Instant.parse("2025-03-01T09:15:00.000001Z"), 1));
      AuditRecord after = record(event("a", Instant.parse("2025-03-01T09:15:00.000002Z"), 1));
      // "every record committed before t has a sort key < timePrefix(t)"
      assertThat(before.sortKey()).isLessThan(AuditRecord.timePrefix(t));
      // "every record committed at or after t has a sort key >= timePrefix(t)"
      assertThat(after.sortKey()).isGreaterThanOrEqualTo(AuditRecord.timePrefix(t));
    }
  }

  @Test
  @DisplayName("a record's sort key is at or above timePrefix(t) exactly when TimeRange.since(t) contains its commit time")
  void timePrefixAgreesWithTimeRange() {
    Instant base = TestEvents.T0;
    for (long boundNanos : new long[] {0, 1, 500, 999, 1000, 1001, 1999, 2000}) {
      Instant bound = base.plusNanos(boundNanos);
      String prefix = AuditRecord.timePrefix(bound);
      for (long commitMicros = 0; commitMicros <= 3; commitMicros++) {
        Instant committed = base.plusNanos(commitMicros * 1000);
        AuditRecord r = record(event("a", committed, 1));
        assertThat(r.sortKey().compareTo(prefix) >= 0)
            .as("record at +%d us against bound +%d ns", commitMicros, boundNanos)
            .isEqualTo(io.cdcaudit.store.TimeRange.since(bound).contains(r.event().committedAt()));
      }
    }
  }

  @Test
  @DisplayName("truncates recordedAt to microseconds")
  void recordedAtMicros() {
    AuditRecord r = AuditRecord.of(event("a", TestEvents.T0, 1), Instant.parse("2025-03-01T09:15:01.987654321Z"));
    assertThat(r.recordedAt()).isEqualTo(Instant.parse("2025-03-01T09:15:01.987654Z"));
  }

  @Test
  @DisplayName("of() computes the diff, an unknown actor and no deadline")
  void ofDefaults() {
    AuditRecord r = record(event("a", TestEvents.T0, 1));
    assertThat(r.changes()).containsExactly(
        new FieldChange("id", Value.NULL, Value.of(1)), new FieldChange("name", Value.NULL, Value.of("alice")));
    assertThat(r.actor()).isEqualTo(Actor.UNKNOWN);
    assertThat(r.retention()).isEqualTo(Retention.forever());
    assertThat(r.id()).isEqualTo(EventId.of("a"));
  }

  @Test
  @DisplayName("withActor(null) gives the unknown actor; withActor and withRetention keep the rest")
  void withers() {
    AuditRecord r = record(event("a", TestEvents.T0, 1));
    Actor alice = Actor.of("alice", Actor.Source.SQL_COMMENT);
    AuditRecord attributed = r.withActor(alice);
    assertThat(attributed.actor()).isEqualTo(alice);
    assertThat(attributed.event()).isEqualTo(r.event());
    assertThat(attributed.withActor(null).actor()).isSameAs(Actor.UNKNOWN);
    Retention held = Retention.legalHoldInPlace();
    assertThat(attributed.withRetention(held).retention()).isEqualTo(held);
    assertThat(attributed.withRetention(held).actor()).isEqualTo(alice);
  }

  @Test
  @DisplayName("copies the changes list")
  void copiesChanges() {
    List<FieldChange> changes = new ArrayList<>(List.of(new FieldChange("a", Value.NULL, Value.of(1))));
    AuditRecord r = new AuditRecord(event("a", TestEvents.T0, 1), changes, Actor.UNKNOWN, TestEvents.T0, Retention.forever());
    changes.clear();
    assertThat(r.changes()).hasSize(1);
  }

  @Test
  @DisplayName("requires every part")
  void requiresParts() {
    ChangeEvent e = event("a", TestEvents.T0, 1);
    assertThatThrownBy(() -> new AuditRecord(null, List.of(), Actor.UNKNOWN, TestEvents.T0, Retention.forever()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("event");
    assertThatThrownBy(() -> new AuditRecord(e, null, Actor.UNKNOWN, TestEvents.T0, Retention.forever()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("changes");
    assertThatThrownBy(() -> new AuditRecord(e, List.of(), null, TestEvents.T0, Retention.forever()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("actor");
    assertThatThrownBy(() -> new AuditRecord(e, List.of(), Actor.UNKNOWN, null, Retention.forever()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("recordedAt");
    assertThatThrownBy(() -> new AuditRecord(e, List.of(), Actor.UNKNOWN, TestEvents.T0, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("retention");
  }

  @Test
  @DisplayName("a record of a truncate has no changes and an empty source order")
  void truncate() {
    AuditRecord r = AuditRecord.of(base(Operation.TRUNCATE, "t").build(), TestEvents.T0);
    assertThat(r.changes()).isEmpty();
    assertThat(r.sortKey()).contains("||");
  }

  @Test
  @DisplayName("actor attributes survive withActor")
  void attributes() {
    Actor a = new Actor("alice", Actor.Source.SQL_COMMENT, Map.of("request", "r-17"));
    assertThat(record(event("a", TestEvents.T0, 1)).withActor(a).actor().attributes()).containsEntry("request", "r-17");
  }
}
