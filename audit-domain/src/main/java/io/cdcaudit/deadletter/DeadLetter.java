package io.cdcaudit.deadletter;

import io.cdcaudit.source.SourceMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * A message the pipeline could not turn into an audit record, with the reason: it keeps the raw
 * bytes and coordinates so that nothing is lost and the message can be replayed once fixed.
 *
 * @param message the raw message as the source delivered it
 * @param reason why it could not be processed, naming what was wrong and where
 * @param failedAt when the pipeline gave up on it
 */
public record DeadLetter(SourceMessage message, String reason, Instant failedAt) {

  /**
   * Checks that nothing is missing: a letter without its message, reason or time could not be
   * replayed or explained.
   *
   * @param message the raw message as the source delivered it
   * @param reason why it could not be processed
   * @param failedAt when the pipeline gave up on it
   * @throws NullPointerException when a component is {@code null}
   */
  public DeadLetter {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(failedAt, "failedAt");
  }
}
