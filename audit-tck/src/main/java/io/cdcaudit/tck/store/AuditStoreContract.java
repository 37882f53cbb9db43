package io.cdcaudit.tck.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.tck.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditStore}, tier 1: appending, idempotency by event id, exact round
 * trips. Every store's test extends it with the store's {@link StoreHarness}.
 *
 * @param <S> the store type
 */
public abstract class AuditStoreContract<S extends AuditStore> extends StoreContract<S> {

  /** For a store's test. */
  protected AuditStoreContract() {}

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

  @Nested
  @DisplayName("Appending records")
  class Appending {

    @Test
    @DisplayName("an appended record can be found by its id, equal to what was appended")
    void appendedRecordIsFound() {
      AuditRecord record = TestRecords.row("shop.orders", 7)
          .update(Row.builder().put("id", 7).put("status", "new").build(),
              Row.builder().put("id", 7).put("status", "paid").build())
          .at(T0)
          .transaction(new TransactionRef("4711", 2, true))
          .position(new SourcePosition(3L, "mysql-bin.000042", 123_456_789L, 4, "0-3-99"))
          .statement("UPDATE orders SET status = 'paid' WHERE id = 7 /* actor='alice' */")
          .connectionId(99)
          .actor("alice", Actor.Source.SQL_COMMENT, Map.of("request", "r-17"))
          .expiresAt(T0.plusSeconds(3600))
          .build();

      AppendResult result = store.append(List.of(record));

      assertThat(result.rejected()).isEmpty();
      assertThat(store.find(record.id())).contains(record);
      assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("an empty store has no records, and finding an unknown id gives nothing")
    void emptyStore() {
      assertThat(storedCount()).isZero();
      assertThat(store.find(EventId.derive("nothing", "here"))).isEmpty();
    }

    @Test
    @DisplayName("appending an empty batch changes nothing")
    void emptyBatch() {
      assertThat(store.append(List.of()).rejected()).isEmpty();
      assertThat(storedCount()).isZero();
    }

    @Test
    @DisplayName("every record of a large batch is stored")
    void largeBatch() {
      List<AuditRecord> batch = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        batch.add(TestRecords.insert("shop.orders", i, T0.plusMillis(i)));
      }

      store.append(batch);

      assertThat(storedCount()).isEqualTo(2_000);
      assertThat(store.find(batch.get(0).id())).contains(batch.get(0));
      assertThat(store.find(batch.get(1_999).id())).contains(batch.get(1_999));
    }

    @Test
    @DisplayName("inserts, updates, deletes, snapshots, truncates and schema changes are all kept")
    void everyOperation() {
      Row row = Row.builder().put("id", 1).put("name", "a").build();
      Row changed = Row.builder().put("id", 1).put("name", "b").build();
      List<AuditRecord> batch = List.of(
          TestRecords.row("shop.items", 1).insert(row).at(T0).build(),
          TestRecords.row("shop.items", 1).update(row, changed).at(T0.plusSeconds(1)).build(),
          TestRecords.row("shop.items", 1).delete(changed).at(T0.plusSeconds(2)).build(),
          TestRecords.row("shop.items", 2).snapshot(row).at(T0.plusSeconds(3)).build(),
          TestRecords.table("shop.items").truncate().at(T0.plusSeconds(4)).build(),
          TestRecords.table("shop.items").schemaChange("ALTER TABLE items ADD COLUMN x INT").at(T0.plusSeconds(5)).build());

      store.append(batch);

      for (AuditRecord record : batch) {
        assertThat(store.find(record.id())).as(record.event().operation().name()).contains(record);
      }
      assertThat(storedCount()).isEqualTo(batch.size());
    }
  }

  @Nested
  @DisplayName("Idempotency by event id")
  class Idempotency {

    @Test
    @DisplayName("appending the same batch twice keeps one record per change")
    void sameBatchTwice() {
      List<AuditRecord> batch = List.of(
          TestRecords.insert("shop.orders", 1, T0),
          TestRecords.insert("shop.orders", 2, T0.plusSeconds(1)),
          TestRecords.insert("shop.orders", 3, T0.plusSeconds(2)));

      store.append(batch);
      AppendResult again = store.append(batch);

      assertThat(again.rejected()).isEmpty();
      assertThat(storedCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("a redelivered record never replaces the stored one, even with other content")
    void firstVersionWins() {
      AuditRecord first = TestRecords.row("shop.orders", 1).id("evt-1")
          .insert(Row.builder().put("id", 1).put("note", "first").build()).at(T0).build();
      AuditRecord second = TestRecords.row("shop.orders", 1).id("evt-1")
          .insert(Row.builder().put("id", 1).put("note", "second").build()).at(T0.plusSeconds(9)).build();

      store.append(List.of(first));
      store.append(List.of(second));

      assertThat(store.find(EventId.of("evt-1"))).contains(first);
      assertThat(storedCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a record delivered twice within one batch is kept once")
    void duplicateWithinBatch() {
      AuditRecord record = TestRecords.insert("shop.orders", 1, T0);

      store.append(List.of(record, record));

      assertThat(storedCount()).isEqualTo(1);
      assertThat(store.find(record.id())).contains(record);
    }

    @Test
    @DisplayName("a batch that is partly stored already stores the rest and leaves the stored part alone")
    void overlappingBatch() {
      List<AuditRecord> all = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        all.add(TestRecords.insert("shop.orders", i, T0.plusSeconds(i)));
      }
      store.append(all.subList(0, 6));

      store.append(all.subList(3, 10));

      assertThat(storedCount()).isEqualTo(10);
      for (AuditRecord record : all) {
        assertThat(store.find(record.id())).contains(record);
      }
    }

    @Test
    @DisplayName("concurrent appends of overlapping batches store exactly their union")
    void concurrentOverlappingAppends() throws Exception {
      List<AuditRecord> all = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        all.add(TestRecords.insert("shop.orders", i, T0.plusMillis(i)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Callable<AppendResult>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int from = (t * 50) % 300;
          tasks.add(() -> store.append(all.subList(from, from + 100)));
        }
        tasks.add(() -> store.append(all));
        for (Future<AppendResult> f : pool.invokeAll(tasks)) {
          assertThat(f.get().rejected()).isEmpty();
        }
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }

      assertThat(storedCount()).isEqualTo(400);
    }
  }

  @Nested
  @DisplayName("Values and names round-trip exactly")
  class RoundTrip {

    @Test
    @DisplayName("every kind of value keeps its type and exact value: decimals with their scale, big unsigned integers, bytes, JSON, unicode")
    void everyKindOfValue() {
      Row before = TestRecords.everyKindOfValue();
      Row after = before.overlay(Row.builder()
          .put("price", Value.of(new java.math.BigDecimal("245.50")))
          .put("nothing", Value.of("now set"))
          .put("blob", Value.ofBytes(new byte[0]))
          .build());
      AuditRecord record = TestRecords.row("shop.everything", 1).update(before, after).at(T0).build();

      store.append(List.of(record));

      AuditRecord back = store.find(record.id()).orElseThrow();
      assertThat(back.event().before()).isEqualTo(before);
      assertThat(back.event().after()).isEqualTo(after);
      assertThat(back.event().after().columnNames()).containsExactlyElementsOf(after.columnNames());
      assertThat(back.changes()).isEqualTo(record.changes());
      assertThat(back).isEqualTo(record);
    }

    @Test
    @DisplayName("column names with dots and dollar signs are stored safely and read back unchanged")
    void awkwardColumnNames() {
      Row row = Row.builder()
          .put("id", 5)
          .put("$where", Value.of("1 == 1"))
          .put("$set", Value.of("x"))
          .put("a.b.c", Value.of("dotted"))
          .put("_id", Value.of("not the record id"))
          .put("with space", Value.of("space"))
          .build();
      AuditRecord record = TestRecords.row("shop.odd", PrimaryKey.of("$key.part", Value.of("k1"))).insert(row).at(T0).build();

      store.append(List.of(record));

      assertThat(store.find(record.id())).contains(record);
    }

    @Test
    @DisplayName("composite and text primary keys are kept in key order")
    void compositeKey() {
      PrimaryKey key = PrimaryKey.of(Row.builder().put("tenant", "acme").put("id", 12).build());
      AuditRecord record = TestRecords.row("shop.accounts", key)
          .insert(Row.builder().put("tenant", "acme").put("id", 12).put("name", "x").build()).at(T0).build();

      store.append(List.of(record));

      assertThat(store.find(record.id()).orElseThrow().event().primaryKey()).isEqualTo(key);
    }

    @Test
    @DisplayName("times keep their microseconds")
    void microsecondTimes() {
      Instant committed = Instant.parse("2026-03-01T08:00:00.123456Z");
      AuditRecord record = TestRecords.insert("shop.orders", 1, committed)
          .withRetention(io.cdcaudit.record.Retention.until(Instant.parse("2033-03-01T08:00:00.654321Z")));

      store.append(List.of(record));

      AuditRecord back = store.find(record.id()).orElseThrow();
      assertThat(back.event().committedAt()).isEqualTo(committed);
      assertThat(back.recordedAt()).isEqualTo(record.recordedAt());
      assertThat(back.retention()).isEqualTo(record.retention());
    }

    @Test
    @DisplayName("commit times past 2262 up to the latest one a sort key holds are kept exactly")
    void farFutureTimes() {
      AuditRecord after2262 = TestRecords.insert("shop.orders", 1, Instant.parse("2262-04-12T00:00:00.000001Z"));
      AuditRecord latest = TestRecords.insert("shop.orders", 2, io.cdcaudit.event.ChangeEvent.LATEST_COMMIT_TIME);

      assertThat(store.append(List.of(after2262, latest)).rejected()).isEmpty();

      assertThat(store.find(after2262.id())).contains(after2262);
      assertThat(store.find(latest.id())).contains(latest);
    }

    @Test
    @DisplayName("where the message came from (stream, partition, position) is kept, ordered or not")
    void origin() {
      AuditRecord kafka = TestRecords.row("shop.orders", 1).insert(Row.builder().put("id", 1).build())
          .origin("maxwell", "3", 1_234_567L).at(T0).build();
      AuditRecord sqs = TestRecords.row("shop.orders", 2).insert(Row.builder().put("id", 2).build())
          .origin(new io.cdcaudit.source.MessageCoordinates(io.cdcaudit.source.SourcePartition.unordered("audit-queue"),
              "5fd2c2a8-8f5e-4d63-a7c1-0e2b4f1a9c3d")).at(T0).build();

      store.append(List.of(kafka, sqs));

      assertThat(store.find(kafka.id())).contains(kafka);
      assertThat(store.find(sqs.id())).contains(sqs);
      assertThat(store.find(kafka.id()).orElseThrow().event().origin()).isEqualTo(kafka.event().origin());
    }

    @Test
    @DisplayName("a diff that differs from before and after (a masked column) is kept as given")
    void explicitDiff() {
      Row before = Row.builder().put("id", 1).put("ssn", "****").build();
      Row after = Row.builder().put("id", 1).put("ssn", "****").build();
      List<FieldChange> diff = List.of(new FieldChange("ssn", Value.of("****"), Value.of("****")));
      AuditRecord record = TestRecords.row("hr.people", 1).update(before, after).changes(diff).at(T0).build();

      store.append(List.of(record));

      assertThat(store.find(record.id()).orElseThrow().changes()).isEqualTo(diff);
    }

    @Test
    @DisplayName("a long statement and a large text value are kept whole")
    void largeValues() {
      String big = "x".repeat(200_000);
      AuditRecord record = TestRecords.row("shop.notes", 1)
          .insert(Row.builder().put("id", 1).put("body", big).build())
          .statement("INSERT INTO notes VALUES (1, '" + big + "')")
          .at(T0)
          .build();

      store.append(List.of(record));

      assertThat(store.find(record.id())).contains(record);
    }
  }
}
