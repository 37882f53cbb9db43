package io.cdcaudit.memory;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps dead letters in memory, for tests and development. Thread-safe. */
public final class InMemoryDeadLetterSink implements DeadLetterSink {

  private final List<DeadLetter> letters = new ArrayList<>();

  @Override
  public synchronized void send(List<DeadLetter> deadLetters) {
    letters.addAll(deadLetters);
  }

  /**
   * What was sent so far, in order.
   *
   * @return a copy of the letters
   */
  public synchronized List<DeadLetter> letters() {
    return List.copyOf(letters);
  }
}
