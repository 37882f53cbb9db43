/**
 * Benchmarks of cdc-audit, run by {@code scripts/bench} (see {@code BENCHMARKS.md}): the JMH
 * micro-benchmarks of the codec and the record factory ({@code jmh}) and the real-server harness
 * ({@code harness}). Not published.
 */
package io.cdcaudit.benchmarks;
