package io.cdcaudit.pipeline;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.store.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The checked settings of one pipeline, as {@link AuditPipeline.Builder} collected them (the source
 * and the dead-letter sink, which the builder hands over once, travel apart). Each setting's range
 * is documented on the builder's setter.
 */
record PipelineSettings(
    ChangeDecoder decoder,
    AuditStore store,
    AuditRecordFactory records,
    PipelineListener listener,
    Clock clock,
    Backoff backoff,
    long reportIdleRulesAfter,
    int batchSize,
    int parallelism,
    long maxInFlightBytes,
    int maxInFlightMessages,
    Duration pollTimeout,
    Duration shutdownTimeout,
    String name) {

  /**
   * Checks the ranges in a fixed order and names the first setting out of its range. A missing
   * decoder or store the builder names itself (before a missing dead-letter sink), so here a
   * {@code null} is a defect.
   */
  PipelineSettings {
    Objects.requireNonNull(decoder, "AuditPipeline.decoder");
    Objects.requireNonNull(store, "AuditPipeline.store");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(backoff, "backoff");
    require(reportIdleRulesAfter >= 1,
        "AuditPipeline.reportIdleRulesAfter must be at least 1, got " + reportIdleRulesAfter);
    require(batchSize >= 1 && batchSize <= 100_000, "AuditPipeline.batchSize must be 1 to 100000, got " + batchSize);
    require(parallelism >= 1 && parallelism <= 256, "AuditPipeline.parallelism must be 1 to 256, got " + parallelism);
    require(maxInFlightBytes >= 1024, "AuditPipeline.maxInFlightBytes must be at least 1024, got " + maxInFlightBytes);
    require(maxInFlightMessages >= 1, "AuditPipeline.maxInFlightMessages must be at least 1, got " + maxInFlightMessages);
    require(pollTimeout != null && !pollTimeout.isNegative() && pollTimeout.toMillis() <= 60_000,
        "AuditPipeline.pollTimeout must be 0 to 60 s, got " + pollTimeout);
    require(shutdownTimeout != null && !shutdownTimeout.isNegative(),
        "AuditPipeline.shutdownTimeout must not be negative, got " + shutdownTimeout);
    require(name != null && !name.isBlank(), "AuditPipeline.name must not be blank");
  }

  /** Fails with {@code message}, which names the setting, unless {@code condition} holds. */
  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
