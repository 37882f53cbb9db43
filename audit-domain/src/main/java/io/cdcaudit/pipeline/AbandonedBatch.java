package io.cdcaudit.pipeline;

/**
 * Thrown inside a worker to give up a batch without acknowledging it: the pipeline is stopping, or
 * retries ran out, or the store cannot be used (then the pipeline has failed already). The source
 * delivers the batch's messages again to the next pipeline.
 */
final class AbandonedBatch extends RuntimeException {

  AbandonedBatch() {
    super(null, null, false, false);
  }
}
