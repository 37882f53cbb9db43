package io.cdcaudit.deadletter;

import java.util.List;

/**
 * Where undecodable or unstorable messages go, so that one bad message never stops the trail and
 * none is silently dropped. The pipeline acknowledges a dead-lettered message only after
 * {@link #send(List)} returned.
 *
 * <p>A sink must accept a letter of <em>any</em> size: the pipeline retries a failed send, and a
 * letter refused for its size would be refused on every retry, holding up the trail for good. A
 * letter larger than the sink's destination takes is therefore sent truncated, with its key and
 * value cut as they must be ({@link FittedPayload}: the largest prefix that fits, or none) and its
 * reason bounded, and says so: that it was truncated, the original sizes and the SHA-256 of the
 * original value and key. With the letter's coordinates an operator then finds the whole message in
 * the source while the source retains it. Throw only for failures a retry can cure (the
 * destination unreachable, a timeout).
 */
@FunctionalInterface
public interface DeadLetterSink {

  /**
   * Keeps the dead letters durably, truncated where they do not fit; returns only when they are kept.
   *
   * @param deadLetters the letters of one batch, in the order the pipeline gave up on them
   * @throws RuntimeException when they could not be kept for a transient reason; the pipeline
   *     retries with backoff
   */
  void send(List<DeadLetter> deadLetters);
}
