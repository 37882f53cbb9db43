package io.cdcaudit.s3;

import java.time.Duration;
import java.util.Objects;

/**
 * S3 Object Lock for the data objects the store writes, in the bucket's lock mode of the user's choice (the bucket
 * must have been created with Object Lock enabled). Each data object is written with its lock in the same request:
 *
 * <ul>
 *   <li>records with a deadline: retained in {@code mode} until the latest deadline among them;
 *   <li>records under legal hold: an object legal hold ({@code ON}), which outlives every retention;
 *   <li>records without a deadline: retained for {@code withoutDeadline} from the write, since S3 has no "forever".
 * </ul>
 *
 * <p>Index objects are never locked: the store rewrites them when it compacts. Do not give the bucket a default
 * retention, which would lock them too.
 *
 * @param mode {@link Mode#GOVERNANCE} (users with {@code s3:BypassGovernanceRetention} may still delete) or
 *     {@link Mode#COMPLIANCE} (nobody can, not even the root user, until the retention ends)
 * @param withoutDeadline how long to retain objects of records that have no deadline, positive
 */
public record ObjectLock(Mode mode, Duration withoutDeadline) {

  /** The two Object Lock retention modes of S3. */
  public enum Mode {
    /** Protects against deletion by everyone without the {@code s3:BypassGovernanceRetention} permission. */
    GOVERNANCE,
    /** Protects against deletion by everyone, the root user included, until the retention ends. */
    COMPLIANCE
  }

  /**
   * Checks the parts.
   *
   * @param mode the retention mode
   * @param withoutDeadline how long to retain objects of records without a deadline
   * @throws IllegalArgumentException when {@code withoutDeadline} is not positive
   */
  public ObjectLock {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(withoutDeadline, "withoutDeadline");
    if (withoutDeadline.isZero() || withoutDeadline.isNegative()) {
      throw new IllegalArgumentException("objectLock withoutDeadline must be positive (how long to retain records "
          + "that have no deadline), got " + withoutDeadline);
    }
  }

  /**
   * Governance mode.
   *
   * @param withoutDeadline how long to retain objects of records without a deadline
   * @return the lock
   */
  public static ObjectLock governance(Duration withoutDeadline) {
    return new ObjectLock(Mode.GOVERNANCE, withoutDeadline);
  }

  /**
   * Compliance mode.
   *
   * @param withoutDeadline how long to retain objects of records without a deadline
   * @return the lock
   */
  public static ObjectLock compliance(Duration withoutDeadline) {
    return new ObjectLock(Mode.COMPLIANCE, withoutDeadline);
  }
}
