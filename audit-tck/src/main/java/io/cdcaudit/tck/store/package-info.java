/**
 * The contract kit of stores. A store's test writes one
 * {@link io.cdcaudit.tck.store.StoreHarness} (a fresh store, its clean-up, a raw count) and nests
 * the tiers the store serves, each a one-line class over that harness:
 *
 * <ul>
 *   <li>{@link io.cdcaudit.tck.store.AuditStoreContract}: idempotent append, round trip of every
 *       value (every store);
 *   <li>{@link io.cdcaudit.tck.store.UnusableStoreContract}: a store set up wrong says it is
 *       unusable (every store with a server or credentials);
 *   <li>{@link io.cdcaudit.tck.store.AuditQueriesContract}: the declared kinds of query each have
 *       their tier, the others are refused (every store that answers queries), with one tier per
 *       declared kind: {@link io.cdcaudit.tck.store.RowHistoryContract} (and
 *       {@link io.cdcaudit.tck.store.StateAtContract}), {@link io.cdcaudit.tck.store.ByActorContract},
 *       {@link io.cdcaudit.tck.store.ByTableContract},
 *       {@link io.cdcaudit.tck.store.ByTransactionContract}; each checks paging for its kind;
 *   <li>{@link io.cdcaudit.tck.store.RetentionStoreContract}: purging, legal hold (stores that
 *       purge).
 * </ul>
 */
package io.cdcaudit.tck.store;
