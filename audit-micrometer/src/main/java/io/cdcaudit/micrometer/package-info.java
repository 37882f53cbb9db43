/**
 * Pipeline metrics for Micrometer: {@link io.cdcaudit.micrometer.MicrometerPipelineListener}
 * counts what a pipeline receives, stores, skips, dead-letters, acknowledges and retries, times
 * batches and commit-to-stored freshness, and gauges the pipeline's state.
 */
package io.cdcaudit.micrometer;
