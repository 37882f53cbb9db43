/**
 * The source ports: a {@link io.cdcaudit.source.ChangeSource} delivers raw messages at least once
 * and keeps each until the pipeline acknowledges it; a {@link io.cdcaudit.source.DeadLetterSink}
 * takes what can never be recorded, with its raw bytes, coordinates and the reason. Adapters:
 * {@code audit-source-kafka}, {@code audit-source-sqs}, and the in-memory source of
 * {@code audit-store-memory}.
 */
package io.cdcaudit.source;
