/**
 * The store ports and queries: {@link io.cdcaudit.store.AuditStore} (idempotent append),
 * {@link io.cdcaudit.store.AuditQueries} (paged, cursor-stable reads of an
 * {@link io.cdcaudit.store.AuditQuery}) and {@link io.cdcaudit.store.RetentionStore} (purging what
 * expired). Adapters: {@code audit-store-mongo}, {@code audit-store-cassandra},
 * {@code audit-store-memory}.
 */
package io.cdcaudit.store;
