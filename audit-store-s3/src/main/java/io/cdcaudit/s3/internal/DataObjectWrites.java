package io.cdcaudit.s3.internal;

import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.s3.ObjectLock;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The tags and the lock a data object is written with, from its records (all of one retention class): the tag the
 * lifecycle rules select on, and with Object Lock a retention until the records' latest deadline, a legal hold for
 * held records, or the configured period for records without a deadline.
 */
public final class DataObjectWrites {

  private final boolean tag;
  private final ObjectLock lock;
  private final Clock clock;

  /** Writes with tags or not, and with {@code lock} or none ({@code null}). */
  public DataObjectWrites(boolean tag, ObjectLock lock, Clock clock) {
    this.tag = tag;
    this.lock = lock;
    this.clock = clock;
  }

  /** Sets the tags and the lock of an object holding {@code records} on {@code request}. */
  public void apply(List<AuditRecord> records, PutObjectRequest.Builder request) {
    String retentionClass = DataObjectName.retentionClassOf(records.get(0).retention());
    if (tag) {
      request.tagging(LifecycleRules.TAG_KEY + "=" + LifecycleRules.tagValue(retentionClass));
    }
    if (lock == null) {
      return;
    }
    // S3 refuses lock headers without an integrity checksum; ask for one even where the client would not send it.
    request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    if (retentionClass.equals("held")) {
      request.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
      return;
    }
    Instant now = clock.instant();
    Instant until = retentionClass.equals("kept") ? now.plus(lock.withoutDeadline())
        : records.stream().map(r -> r.retention().expiresAt()).max(Comparator.naturalOrder()).orElseThrow();
    if (until.isAfter(now)) {
      ObjectLockMode mode = lock.mode() == ObjectLock.Mode.COMPLIANCE ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE;
      request.objectLockMode(mode).objectLockRetainUntilDate(until);
    }
  }
}
