package io.cdcaudit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.record.AuditRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PageRequest")
class PageRequestTest {

  private static final Row ROW = Row.builder().put("id", 1).build();

  @ParameterizedTest(name = "accepts size {0}")
  @ValueSource(ints = {1, 500, PageRequest.MAX_SIZE})
  void acceptsSizes(int size) {
    assertThat(PageRequest.oldestFirst(size).size()).isEqualTo(size);
  }

  @ParameterizedTest(name = "rejects size {0}, naming the bounds")
  @ValueSource(ints = {0, -1, PageRequest.MAX_SIZE + 1})
  void rejectsSizes(int size) {
    assertThatThrownBy(() -> PageRequest.newestFirst(size))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("page size must be 1 to 10000")
        .hasMessageContaining(Integer.toString(size));
  }

  @Test
  @DisplayName("the factories set the order and no cursor")
  void factories() {
    assertThat(PageRequest.oldestFirst(10).order()).isEqualTo(SortOrder.OLDEST_FIRST);
    assertThat(PageRequest.newestFirst(10).order()).isEqualTo(SortOrder.NEWEST_FIRST);
    assertThat(PageRequest.oldestFirst(10).cursor()).isEmpty();
  }

  @Test
  @DisplayName("accepts the sort key of a real record as a cursor, with binlog coordinates")
  void binlogCursor() {
    AuditRecord r = AuditRecord.of(TestEvents.base(Operation.INSERT, "c")
        .position(new SourcePosition(1L, "mysql-bin.000001", 1234, 2, null)).after(ROW).build(), TestEvents.T0);
    PageRequest next = PageRequest.oldestFirst(10).next(r.sortKey());
    assertThat(next.cursor()).contains(r.sortKey());
    assertThat(next.size()).isEqualTo(10);
    assertThat(next.order()).isEqualTo(SortOrder.OLDEST_FIRST);
  }

  @Test
  @DisplayName("accepts the sort key of a record with a transaction order, and with none")
  void otherCursors() {
    AuditRecord withTx = AuditRecord.of(TestEvents.base(Operation.INSERT, "c")
        .transaction(new TransactionRef("42", 3, false)).after(ROW).build(), TestEvents.T0);
    AuditRecord withNothing = AuditRecord.of(TestEvents.base(Operation.INSERT, "c").after(ROW).build(), TestEvents.T0);
    assertThat(PageRequest.newestFirst(1).next(withTx.sortKey()).cursor()).contains(withTx.sortKey());
    assertThat(PageRequest.newestFirst(1).next(withNothing.sortKey()).cursor()).contains(withNothing.sortKey());
  }

  @ParameterizedTest(name = "rejects the cursor ''{0}''")
  @ValueSource(strings = {"page-2", "", "123|x|id", "00000000000000001|a|b|c", "00000000000000001|x|bad id"})
  void rejectsForeignCursors(String cursor) {
    assertThatThrownBy(() -> new PageRequest(10, SortOrder.OLDEST_FIRST, cursor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a cursor")
        .hasMessageContaining("'" + cursor + "'");
  }

  @Test
  @DisplayName("rejects a null order and a null next cursor")
  void nulls() {
    assertThatThrownBy(() -> new PageRequest(10, null, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PageRequest.oldestFirst(1).next(null)).isInstanceOf(NullPointerException.class);
  }
}
