package io.cdcaudit.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the pipeline logs, through java.util.logging (where {@link System.Logger} goes when
 * nothing else is bound, as in these tests).
 */
final class LogCapture extends Handler implements AutoCloseable {

  final List<LogRecord> records = new CopyOnWriteArrayList<>();
  // Held so the logger and its handler are not collected during the test.
  private final Logger logger = Logger.getLogger(AuditPipeline.class.getName());

  LogCapture() {
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
