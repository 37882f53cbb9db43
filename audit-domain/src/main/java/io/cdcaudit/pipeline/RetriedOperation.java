package io.cdcaudit.pipeline;

import java.util.Locale;

/** What the pipeline retries when it fails, as {@link PipelineListener#onRetry} reports it. */
public enum RetriedOperation {
  /** Appending a batch to the store. */
  STORE("store"),
  /** Sending dead letters to the dead-letter sink. */
  DEAD_LETTER_SINK("dead-letter sink"),
  /** Polling the source. */
  SOURCE("source");

  private final String label;

  RetriedOperation(String label) {
    this.label = label;
  }

  /**
   * The words used in health and log messages, for example {@code dead-letter sink}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * A value for metric tags: lower case, no blanks, for example {@code dead_letter_sink}.
   *
   * @return the tag value
   */
  public String tagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
