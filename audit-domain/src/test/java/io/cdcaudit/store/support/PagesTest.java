package io.cdcaudit.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pages: fetch one extra, keep the page, continue after its last sort key")
class PagesTest {

  private static final String K1 = AuditRecord.timePrefix(TestEvents.T0) + "|a|id-1";
  private static final String K2 = AuditRecord.timePrefix(TestEvents.T0) + "|b|id-2";
  private static final String K3 = AuditRecord.timePrefix(TestEvents.T0) + "|c|id-3";

  @Test
  @DisplayName("a store reads one more than the page holds")
  void fetchSize() {
    assertThat(Pages.fetchSize(PageRequest.oldestFirst(1))).isEqualTo(2);
    assertThat(Pages.fetchSize(PageRequest.newestFirst(PageRequest.MAX_SIZE))).isEqualTo(PageRequest.MAX_SIZE + 1);
  }

  @Test
  @DisplayName("the extra item means another page follows, after the page's last sort key")
  void more() {
    List<String> decoded = new ArrayList<>();
    Page<String> page = Pages.of(List.of(K1, K2, K3), PageRequest.oldestFirst(2), k -> k, k -> {
      decoded.add(k);
      return k.substring(k.lastIndexOf('|') + 1);
    });

    assertThat(page.items()).containsExactly("id-1", "id-2");
    assertThat(page.nextCursor()).isEqualTo(K2);
    assertThat(decoded).as("the extra item is never decoded").containsExactly(K1, K2);
    assertThat(PageRequest.oldestFirst(2).next(page.nextCursor()).afterSortKey()).contains(K2);
  }

  @Test
  @DisplayName("no extra item: the last page, without a cursor")
  void last() {
    assertThat(Pages.of(List.of(K1, K2), PageRequest.oldestFirst(2), k -> k, k -> k).nextCursor()).isNull();
    Page<String> empty = Pages.of(List.<String>of(), PageRequest.oldestFirst(2), k -> k, k -> k);
    assertThat(empty.items()).isEmpty();
    assertThat(empty.nextCursor()).isNull();
  }

  @Test
  @DisplayName("a cursor may carry the store's own token, which the next request gives back beside the sort key")
  void nativeToken() {
    String cursor = Pages.cursor(K2, "c3RhdGU_LQ");

    PageRequest next = PageRequest.newestFirst(5).next(cursor);

    assertThat(next.afterSortKey()).contains(K2);
    assertThat(next.nativeToken()).contains("c3RhdGU_LQ");
    assertThat(PageRequest.newestFirst(5).next(K2).nativeToken()).isEmpty();
  }

  @Test
  @DisplayName("a token that is not base64url, or too long for a cursor, is refused with the reason")
  void badToken() {
    assertThatThrownBy(() -> Pages.cursor(K1, "a+b/c="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64url")
        .hasMessageContaining("a+b/c=");
    assertThatThrownBy(() -> Pages.cursor(K1, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pages.cursor(K1, "a".repeat(8193))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Pages.cursor(K1, "a".repeat(8192))).endsWith("#" + "a".repeat(8192));
  }
}
