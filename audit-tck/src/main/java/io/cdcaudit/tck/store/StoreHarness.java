package io.cdcaudit.tck.store;

import io.cdcaudit.store.AuditStore;

/**
 * What the store kit needs from a store technology, in one place: a fresh store per test, its
 * clean-up, and a look at the raw storage. Every tier of the kit ({@link AuditStoreContract},
 * the query tiers, {@link RetentionStoreContract}, {@link UnusableStoreContract}) takes the same
 * harness, so a store's test writes it once:
 *
 * <pre>{@code
 * class MongoStoreKitTest {
 *   static final StoreHarness<MongoAuditStore> HARNESS = new MongoHarness();
 *
 *   @Nested class Append extends AuditStoreContract<MongoAuditStore> {
 *     @Override protected StoreHarness<MongoAuditStore> harness() { return HARNESS; }
 *   }
 *   @Nested class RowHistory extends RowHistoryContract<MongoAuditStore> { ...same... }
 * }
 * }</pre>
 *
 * @param <S> the store type; query and retention tiers need it to implement those ports too
 */
public interface StoreHarness<S extends AuditStore> {

  /**
   * A store for one test: empty, with its schema in place, not shared with other tests.
   *
   * @return the store under test
   */
  S createStore();

  /**
   * Releases what {@link #createStore()} made (drops its database, for instance); called after
   * each test.
   *
   * @param store the store {@link #createStore()} made
   */
  default void release(S store) {}

  /**
   * How many records the store holds, read from its storage directly (the port has no count: it
   * would be a full scan in most stores).
   *
   * @param store a store {@link #createStore()} made
   * @return the number of stored records
   */
  long storedCount(S store);

  /**
   * A store set up so that it can never work, as with bad credentials, a closed client or a
   * missing schema, and pointed where it can at the storage of {@code healthy}, so that the kit
   * can check it kept nothing there; {@link UnusableStoreContract} checks that it says so. Only
   * stores that have such a state (every store with a server or credentials) provide it.
   *
   * @param healthy the store of the running test, made by {@link #createStore()}
   * @return the refusing store
   * @throws UnsupportedOperationException unless the store has such a state
   */
  default AuditStore createRefusingStore(S healthy) {
    throw new UnsupportedOperationException(getClass().getName() + " gives no refusing store");
  }
}
