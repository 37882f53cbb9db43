/**
 * The contract kit for {@link io.cdcaudit.decode.ChangeDecoder} implementations:
 * {@link io.cdcaudit.tck.decoder.ChangeDecoderContract}, run against the captured fixtures, and
 * the malformed messages every decoder must reject ({@link io.cdcaudit.tck.decoder.MalformedMessage}).
 */
package io.cdcaudit.tck.decoder;
