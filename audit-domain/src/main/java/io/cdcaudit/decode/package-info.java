/**
 * The decoder port: a {@link io.cdcaudit.decode.ChangeDecoder} turns one raw source message into a
 * change or says why it carries none; a malformed message is a
 * {@link io.cdcaudit.decode.DecodeException}, which the pipeline dead-letters. The Maxwell and
 * Debezium decoders are in {@code audit-codec}.
 */
package io.cdcaudit.decode;
