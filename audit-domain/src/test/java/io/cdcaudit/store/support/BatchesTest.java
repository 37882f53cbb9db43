package io.cdcaudit.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.AuditRecord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Batches: each id once, in chunks")
class BatchesTest {

  private static AuditRecord record(String seed, String name) {
    return AuditRecord.of(TestEvents.base(Operation.INSERT, seed)
        .after(Row.builder().put("id", 1).put("name", name).build()).build(), TestEvents.T0);
  }

  @Test
  @DisplayName("a repeated id keeps its first record, in batch order")
  void distinct() {
    AuditRecord a = record("a", "first");
    AuditRecord b = record("b", "b");
    AuditRecord aAgain = record("a", "second");

    List<AuditRecord> distinct = Batches.distinctById(List.of(a, b, aAgain));

    assertThat(distinct).containsExactly(a, b);
  }

  @Test
  @DisplayName("a batch without repeats comes back as it is; a null record is refused")
  void noRepeats() {
    List<AuditRecord> batch = List.of(record("a", "a"), record("b", "b"));
    assertThat(Batches.distinctById(batch)).isSameAs(batch);
    assertThatThrownBy(() -> Batches.distinctById(Arrays.asList(record("a", "a"), null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("record");
  }

  @Test
  @DisplayName("chunks are consecutive, of at most the size, the last one shorter")
  void chunks() {
    assertThat(Batches.chunks(List.of(1, 2, 3, 4, 5), 2)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    assertThat(Batches.chunks(List.of(1, 2), 5)).containsExactly(List.of(1, 2));
    assertThat(Batches.chunks(List.of(), 5)).isEmpty();
  }

  @Test
  @DisplayName("a chunk size below 1 is refused, naming the value")
  void badSize() {
    assertThatThrownBy(() -> Batches.chunks(List.of(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }
}
