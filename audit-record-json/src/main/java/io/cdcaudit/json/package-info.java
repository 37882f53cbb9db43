/**
 * The JSON form of an {@link io.cdcaudit.record.AuditRecord}, which stores keep:
 * {@link io.cdcaudit.json.AuditRecordJson} for records, {@link io.cdcaudit.json.ValueJson} for the
 * values and rows of documents a store builds itself. Depends on the domain and Jackson only, so
 * that a store need not pull in the decoders.
 *
 * <p>Everything in {@code io.cdcaudit.json.internal} is an implementation detail that may change
 * in any release.
 */
package io.cdcaudit.json;
