package io.cdcaudit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.Row;
import io.cdcaudit.record.AuditRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RowState")
class RowStateTest {

  private static final Row ROW = Row.builder().put("id", 1).put("name", "alice").build();

  @Test
  @DisplayName("a row whose last change is a delete does not exist; otherwise it does")
  void exists() {
    AuditRecord deleted = AuditRecord.of(TestEvents.delete(ROW), TestEvents.T0);
    AuditRecord inserted = AuditRecord.of(TestEvents.insert(ROW), TestEvents.T0);
    AuditRecord updated = AuditRecord.of(TestEvents.update(ROW, ROW.map((c, v) -> c.equals("name") ? io.cdcaudit.event.Value.of("bob") : v)), TestEvents.T0);
    assertThat(new RowState(Row.EMPTY, deleted).exists()).isFalse();
    assertThat(new RowState(ROW, inserted).exists()).isTrue();
    assertThat(new RowState(ROW, updated).exists()).isTrue();
  }

  @Test
  @DisplayName("needs a row and a last change")
  void validation() {
    AuditRecord r = AuditRecord.of(TestEvents.insert(ROW), TestEvents.T0);
    assertThatThrownBy(() -> new RowState(null, r)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new RowState(ROW, null)).isInstanceOf(NullPointerException.class);
  }
}
