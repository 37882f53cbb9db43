package io.cdcaudit.pipeline;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The pipeline's log. Every part writes to the one logger {@code io.cdcaudit.pipeline.AuditPipeline}
 * (the name documented on {@link AuditPipeline}, which users configure), and every line names the
 * pipeline, so that several pipelines in one process can be told apart.
 */
final class PipelineLog {

  static final System.Logger LOGGER = System.getLogger(AuditPipeline.class.getName());

  private final String name;
  private final String prefix;

  PipelineLog(String pipelineName) {
    this.name = pipelineName;
    this.prefix = "pipeline '" + pipelineName + "': ";
  }

  /** The line that opens a run: {@code pipeline 'name' starting: settings}. */
  void starting(Supplier<String> settings) {
    LOGGER.log(Level.INFO, () -> "pipeline '" + name + "' starting: " + settings.get());
  }

  void info(Supplier<String> message) {
    LOGGER.log(Level.INFO, () -> prefix + message.get());
  }

  void warning(String message) {
    LOGGER.log(Level.WARNING, prefix + message);
  }

  void warning(Supplier<String> message) {
    LOGGER.log(Level.WARNING, () -> prefix + message.get());
  }

  void warning(String message, Throwable thrown) {
    LOGGER.log(Level.WARNING, prefix + message, thrown);
  }

  void error(String message, Throwable thrown) {
    LOGGER.log(Level.ERROR, prefix + message, thrown);
  }
}
