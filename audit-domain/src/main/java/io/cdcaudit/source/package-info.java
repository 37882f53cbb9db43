/**
 * The source port: a {@link io.cdcaudit.source.ChangeSource} delivers raw messages at least once
 * and keeps each until the pipeline acknowledges it, acknowledging in an ordered partition only
 * the contiguous prefix ({@link io.cdcaudit.source.AcknowledgedPrefix}). What can never be
 * recorded goes to a {@link io.cdcaudit.deadletter.DeadLetterSink}. Adapters:
 * {@code audit-source-kafka}, {@code audit-source-sqs}, and the in-memory source of
 * {@code audit-store-memory}.
 */
package io.cdcaudit.source;
