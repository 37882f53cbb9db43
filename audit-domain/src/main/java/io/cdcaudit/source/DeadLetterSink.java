package io.cdcaudit.source;

import java.util.List;

/**
 * Where undecodable or unstorable messages go, so that one bad message never stops the trail and
 * none is silently dropped. The pipeline acknowledges a dead-lettered message only after
 * {@link #send(List)} returned.
 */
@FunctionalInterface
public interface DeadLetterSink {

  /**
   * Keeps the dead letters durably; returns only when they are kept.
   *
   * @throws RuntimeException when they could not be kept; the pipeline retries with backoff
   */
  void send(List<DeadLetter> deadLetters);
}
