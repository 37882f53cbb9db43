package io.cdcaudit.cassandra;

/**
 * How the day-bucketed tables ({@code changes_by_table}, {@code changes_by_actor}) split time into partitions: one
 * partition per table (or actor) and bucket of commit time, UTC. Pick the bucket so that one partition stays well
 * below ~100 MB: {@link #DAY} (the default) suits up to a few hundred thousand changes per table and day,
 * {@link #HOUR} busier tables, {@link #MONTH} quiet ones.
 *
 * <p>The bucket is part of the data layout: a keyspace written with one bucket must be read with the same one.
 */
public enum TimeBucket {
  /** {@code 2026-03-01T08}. */
  HOUR,
  /** {@code 2026-03-01}. */
  DAY,
  /** {@code 2026-03}. */
  MONTH
}
