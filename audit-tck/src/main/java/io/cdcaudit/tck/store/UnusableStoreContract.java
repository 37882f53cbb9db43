package io.cdcaudit.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.StoreException;
import io.cdcaudit.tck.TestRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store that can be set up wrong (a server, credentials, a schema): set up so
 * that it can never work ({@link StoreHarness#createRefusingStore(AuditStore)}), it fails with an
 * {@linkplain StoreException#isUnusable() unusable} {@code StoreException}, so that the pipeline
 * stops instead of retrying forever or dead-lettering every record. Every store with a server or
 * credentials extends it; the in-memory store has no such state.
 *
 * @param <S> the store type
 */
public abstract class UnusableStoreContract<S extends AuditStore> extends StoreContract<S> {

  /** For a store's test. */
  protected UnusableStoreContract() {}

  @Test
  @DisplayName("a store set up so that it can never work says it is unusable, and keeps nothing")
  void refusingStoreIsUnusable() {
    AuditStore refusing = harness().createRefusingStore(store);
    AuditRecord record = TestRecords.insert("shop.orders", 1, Instant.parse("2026-03-01T08:00:00Z"));

    Throwable thrown = catchThrowable(() -> refusing.append(List.of(record)));

    assertThat(thrown).as("what the refusing store's append threw").isInstanceOf(StoreException.class);
    assertThat(((StoreException) thrown).isUnusable()).as("unusable: " + thrown).isTrue();
    assertThat(store.find(record.id())).as("the healthy store beside it").isEmpty();
  }
}
