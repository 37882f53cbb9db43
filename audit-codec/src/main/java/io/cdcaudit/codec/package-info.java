/**
 * Decoders of Maxwell's Daemon and Debezium JSON into {@link io.cdcaudit.event.ChangeEvent}s. (The
 * JSON form of an audit record, which stores keep, is {@code audit-record-json}'s.)
 *
 * <p>Start at {@link io.cdcaudit.codec.ChangeDecoders}. Everything in
 * {@code io.cdcaudit.codec.internal} is an implementation detail that may change in any release.
 */
package io.cdcaudit.codec;
