package io.cdcaudit.store;

import java.time.Instant;

/**
 * A store that can remove what has expired. Stores whose own mechanism expires records (a MongoDB
 * TTL index, a Cassandra TTL) still offer this, for deployments that turn that mechanism off and
 * for verification.
 */
public interface RetentionStore {

  /**
   * Removes every record whose retention expired at or before {@code now}; never a record under
   * legal hold, never one without a deadline.
   *
   * @param now the time to purge at (a clock's now, or a test's)
   * @return how many records were removed
   */
  long purgeExpired(Instant now);
}
