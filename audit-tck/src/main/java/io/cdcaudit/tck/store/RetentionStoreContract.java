package io.cdcaudit.tck.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.RetentionStore;
import io.cdcaudit.tck.TestRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RetentionStore}, tier 3: purging what expired, never what is under legal
 * hold or has no deadline. Stores that can purge extend it besides {@link AuditStoreContract}.
 *
 * @param <S> the store type
 */
public abstract class RetentionStoreContract<S extends AuditStore & RetentionStore> extends StoreContract<S> {

  /** For a store's test. */
  protected RetentionStoreContract() {}

  private static final Instant NOW = Instant.parse("2033-01-01T00:00:00Z");

  @Nested
  @DisplayName("Purging expired records")
  class Purging {

    @Test
    @DisplayName("removes records whose deadline is at or before now, and keeps later ones, held ones and ones without a deadline")
    void purgesOnlyExpired() {
      AuditRecord expiredLongAgo = TestRecords.row("shop.orders", 1).at(Instant.parse("2026-01-01T00:00:00Z")).expiresAt(NOW.minusSeconds(86_400)).build();
      AuditRecord expiresNow = TestRecords.row("shop.orders", 2).at(Instant.parse("2026-01-01T00:00:01Z")).expiresAt(NOW).build();
      AuditRecord expiresLater = TestRecords.row("shop.orders", 3).at(Instant.parse("2026-01-01T00:00:02Z")).expiresAt(NOW.plusMillis(1)).build();
      AuditRecord held = TestRecords.row("finance.ledger", 4).at(Instant.parse("2026-01-01T00:00:03Z")).legalHold().build();
      AuditRecord forever = TestRecords.row("shop.orders", 5).at(Instant.parse("2026-01-01T00:00:04Z")).build();
      store.append(List.of(expiredLongAgo, expiresNow, expiresLater, held, forever));

      long purged = store.purgeExpired(NOW);

      assertThat(purged).isEqualTo(2);
      assertThat(store.find(expiredLongAgo.id())).isEmpty();
      assertThat(store.find(expiresNow.id())).isEmpty();
      assertThat(store.find(expiresLater.id())).contains(expiresLater);
      assertThat(store.find(held.id())).contains(held);
      assertThat(store.find(forever.id())).contains(forever);
      assertThat(storedCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("a second purge at the same time finds nothing more to remove")
    void purgeIsIdempotent() {
      store.append(List.of(TestRecords.row("shop.orders", 1).expiresAt(NOW.minusSeconds(1)).build()));

      assertThat(store.purgeExpired(NOW)).isEqualTo(1);
      assertThat(store.purgeExpired(NOW)).isZero();
    }

    @Test
    @DisplayName("a legal hold protects a record whatever the time")
    void legalHoldOutlivesEverything() {
      AuditRecord held = TestRecords.row("finance.ledger", 1).legalHold().build();
      store.append(List.of(held));

      assertThat(store.purgeExpired(Instant.parse("2999-12-31T23:59:59Z"))).isZero();
      assertThat(store.find(held.id())).contains(held);
    }

    @Test
    @DisplayName("a purge of many expired records removes them all")
    void purgesMany() {
      List<AuditRecord> records = new java.util.ArrayList<>();
      for (int i = 0; i < 1_500; i++) {
        records.add(TestRecords.row("shop.orders", i).at(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))
            .expiresAt(NOW.minusSeconds(i)).build());
      }
      records.add(TestRecords.row("shop.orders", 99_999).legalHold().build());
      store.append(records);

      assertThat(store.purgeExpired(NOW)).isEqualTo(1_500);
      assertThat(storedCount()).isEqualTo(1);
    }
  }
}
