package io.cdcaudit.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the pipeline counted since start, for {@link PipelineHealth}; added to from the poll thread
 * and the workers.
 */
final class PipelineCounters {

  /** Messages received from the source. */
  final LongAdder received = new LongAdder();
  /** Records stored. */
  final LongAdder stored = new LongAdder();
  /** Messages left out: no change, a table filtered out, or delivered twice within one batch. */
  final LongAdder skipped = new LongAdder();
  /** Messages the dead-letter sink took. */
  final LongAdder deadLettered = new LongAdder();
  /** Failed source, store and dead-letter sink attempts that were retried. */
  final LongAdder retries = new LongAdder();
  /** Records of row changes without a primary key. */
  final LongAdder withoutKey = new LongAdder();
  /** Messages the policies saw (received counts them sooner): when idle rules are reported. */
  final LongAdder processed = new LongAdder();
}
