/**
 * Decoders of Maxwell's Daemon and Debezium JSON into {@link io.cdcaudit.event.ChangeEvent}s, and
 * the JSON form of an {@link io.cdcaudit.record.AuditRecord}.
 *
 * <p>Start at {@link io.cdcaudit.codec.ChangeDecoders}. Everything in
 * {@code io.cdcaudit.codec.internal} is an implementation detail that may change in any release.
 */
package io.cdcaudit.codec;
