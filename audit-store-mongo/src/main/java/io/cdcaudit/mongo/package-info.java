/**
 * The MongoDB store of the audit trail: {@link io.cdcaudit.mongo.MongoAuditStore}, an
 * {@link io.cdcaudit.store.AuditStore}, {@link io.cdcaudit.store.AuditQueries} and
 * {@link io.cdcaudit.store.RetentionStore} on mongodb-driver-sync 5, built from the application's
 * own {@code MongoDatabase}.
 */
package io.cdcaudit.mongo;
