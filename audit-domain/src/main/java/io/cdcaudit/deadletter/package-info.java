/**
 * The dead-letter port: a {@link io.cdcaudit.deadletter.DeadLetterSink} takes what can never be
 * recorded (a message no decoder reads, a record no store takes) as a
 * {@link io.cdcaudit.deadletter.DeadLetter} with its raw bytes, coordinates and the reason, so that
 * one bad message never stops the trail and nothing is dropped silently; a sink keeps a letter of
 * any size by fitting its bytes ({@link io.cdcaudit.deadletter.FittedPayload}). Adapters: the Kafka
 * and SQS dead-letter sinks of {@code audit-source-kafka} and {@code audit-source-sqs}, and the
 * in-memory sink of {@code audit-store-memory}.
 */
package io.cdcaudit.deadletter;
