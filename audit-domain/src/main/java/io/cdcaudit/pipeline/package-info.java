/**
 * The {@link io.cdcaudit.pipeline.AuditPipeline}: poll, decode, filter, diff, protect columns,
 * attribute the actor, compute retention, append to the store, and only then acknowledge to the
 * source; with bounded memory, backpressure, retries with {@link io.cdcaudit.pipeline.Backoff}, and
 * a {@link io.cdcaudit.pipeline.PipelineListener} for metrics.
 */
package io.cdcaudit.pipeline;
