package io.cdcaudit.tck.source;

import io.cdcaudit.source.ChangeSource;
import java.time.Duration;
import java.util.List;

/**
 * What {@link ChangeSourceContract} needs from a source technology: one fresh stream (topic,
 * queue) per test, a way to publish into it, and new {@link ChangeSource} instances reading it as
 * one consumer group.
 */
public interface SourceHarness extends AutoCloseable {

  /** A message to publish: messages with the same key go to the same partition (for ordered sources, message group). */
  record Message(String key, byte[] value) {}

  /**
   * Publishes messages, in this order. Returns when the stream holds them.
   *
   * @param messages the messages to publish
   */
  void publish(List<Message> messages);

  /**
   * A new reader of the stream, in the same consumer group as every other one from this harness.
   *
   * @return a new source
   */
  ChangeSource openSource();

  /**
   * A reader set up so that it can never work, as with bad credentials, missing permissions or a
   * queue that does not exist: the contract checks that it says so with an
   * {@linkplain io.cdcaudit.source.SourceException#isUnusable() unusable} {@code SourceException}
   * rather than return nothing, so that the pipeline stops as {@code FAILED} instead of looking
   * healthy.
   *
   * @return a new, refused source
   */
  ChangeSource openRefusedSource();

  /**
   * How long to keep polling before concluding that a message will not be delivered (again). For
   * sources that redeliver after a timeout (SQS visibility), longer than that timeout.
   *
   * @return the quiet period
   */
  default Duration quietPeriod() {
    return Duration.ofSeconds(3);
  }

  /**
   * How long to wait for expected messages before failing.
   *
   * @return the timeout
   */
  default Duration deliveryTimeout() {
    return Duration.ofSeconds(60);
  }

  @Override
  void close();
}
