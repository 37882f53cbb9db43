package io.cdcaudit.tck.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.tck.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The records and helpers the query tiers share. */
final class QueryFixtures {

  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final TableRef ORDERS = TableRef.of("shop", "orders");
  static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

  private QueryFixtures() {}

  static Row order(long id, String status) {
    return Row.builder().put("id", id).put("status", status).build();
  }

  /** Order 1: insert at T0, paid at T0+10s, shipped at T0+20s, deleted at T0+30s; order 2 and other tables around it. */
  static List<AuditRecord> orderOneLifecycle(AuditStore store) {
    List<AuditRecord> records = List.of(
        TestRecords.row("shop.orders", 1).insert(order(1, "new")).at(T0).actor("alice").transaction("tx-1").build(),
        TestRecords.row("shop.orders", 1).update(order(1, "new"), order(1, "paid")).at(T0.plusSeconds(10)).actor("bob").transaction("tx-2").build(),
        TestRecords.row("shop.orders", 1).update(order(1, "paid"), order(1, "shipped")).at(T0.plusSeconds(20)).actor("alice").transaction("tx-3").build(),
        TestRecords.row("shop.orders", 1).delete(order(1, "shipped")).at(T0.plusSeconds(30)).actor("carol").transaction("tx-4").build(),
        TestRecords.row("shop.orders", 2).insert(order(2, "new")).at(T0.plusSeconds(5)).actor("alice").transaction("tx-5").build(),
        TestRecords.row("shop.invoices", 1).insert(order(1, "new")).at(T0.plusSeconds(6)).actor("alice").transaction("tx-2").build(),
        TestRecords.row("crm.orders", 1).insert(order(1, "new")).at(T0.plusSeconds(7)).actor("bob").build());
    store.append(records);
    return records;
  }

  /** Change {@code i} of order 3, by actor "pager" in transaction "tx-page": found by a query of every kind. */
  static AuditRecord pagedChange(int i, Instant at) {
    return TestRecords.row("shop.orders", 3).update(order(3, "a" + i), order(3, "a" + (i + 1)))
        .at(at).actor("pager").transaction("tx-page").build();
  }

  /** The query of {@code kind} that finds every {@link #pagedChange}. */
  static AuditQuery pagedQuery(AuditQuery.Kind kind) {
    return switch (kind) {
      case ROW_HISTORY -> AuditQuery.rowHistory(ORDERS, PrimaryKey.of("id", 3));
      case BY_ACTOR -> AuditQuery.byActor("pager");
      case BY_TABLE -> AuditQuery.byTable(ORDERS);
      case BY_TRANSACTION -> AuditQuery.byTransaction("tx-page");
    };
  }

  /** Every page of {@code query}, checking each holds at most {@code pageSize} records. */
  static List<AuditRecord> all(AuditQueries queries, AuditQuery query, SortOrder order, int pageSize) {
    List<AuditRecord> out = new ArrayList<>();
    PageRequest request = new PageRequest(pageSize, order, null);
    for (int pages = 0; pages < 10_000; pages++) {
      Page<AuditRecord> page = queries.find(query, request);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      out.addAll(page.items());
      if (!page.hasNext()) {
        return out;
      }
      request = request.next(page.nextCursor());
    }
    throw new AssertionError("paging did not end");
  }

  static List<String> ids(List<AuditRecord> records) {
    return records.stream().map(r -> r.id().value()).toList();
  }

  static List<AuditRecord> sorted(List<AuditRecord> records, SortOrder order) {
    Comparator<AuditRecord> bySortKey = Comparator.comparing(AuditRecord::sortKey);
    return records.stream().sorted(order == SortOrder.OLDEST_FIRST ? bySortKey : bySortKey.reversed()).toList();
  }
}
