/**
 * The contract kits of stores, in three tiers a store test extends as far as the store goes:
 * {@link io.cdcaudit.tck.store.AuditStoreContract} (idempotent append, round trip of every value),
 * {@link io.cdcaudit.tck.store.AuditQueriesContract} (every query, paging, order, state at a time)
 * and {@link io.cdcaudit.tck.store.RetentionStoreContract} (purging, legal hold).
 */
package io.cdcaudit.tck.store;
