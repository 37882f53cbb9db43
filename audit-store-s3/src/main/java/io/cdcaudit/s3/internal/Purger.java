package io.cdcaudit.s3.internal;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes expired records for deployments without lifecycle rules. It lists the data objects and reads only those
 * whose name says their earliest deadline has passed; never an object of held records or of records without a
 * deadline. An object whose records all expired is deleted; one with records still to keep is written again, in
 * place, without the expired ones (so its name, by which a replay is recognised, stays).
 */
public final class Purger {

  private final BucketAccess bucket;
  private final DataObjects data;
  private final Layout layout;
  private final BiConsumer<List<AuditRecord>, PutObjectRequest.Builder> writeOptions;

  /**
   * Purges of the data objects of {@code layout}; {@code writeOptions} sets the lock and tags of a rewritten object
   * as for a new one.
   */
  public Purger(BucketAccess bucket, DataObjects data, Layout layout,
      BiConsumer<List<AuditRecord>, PutObjectRequest.Builder> writeOptions) {
    this.bucket = bucket;
    this.data = data;
    this.layout = layout;
    this.writeOptions = writeOptions;
  }

  /**
   * Removes every record expired at {@code now}.
   *
   * @return how many records (distinct event ids) were removed
   */
  public long purge(Instant now) {
    Set<EventId> removed = new HashSet<>();
    List<String> emptied = new ArrayList<>();
    List<Obituaries.Gone> gone = new ArrayList<>();
    List<AuditRecord> goneRecords = new ArrayList<>();
    for (S3Object object : bucket.list(layout.dataRoot())) {
      Optional<DataObjectName> name = DataObjectName.parse(Layout.fileName(object.key()));
      if (name.isEmpty() || name.get().earliestExpiry().map(t -> t.isAfter(now)).orElse(true)) {
        continue;
      }
      List<AuditRecord> records = data.read(object.key()).orElse(List.of());
      List<AuditRecord> kept = records.stream().filter(r -> !r.retention().isExpiredAt(now)).toList();
      if (kept.size() == records.size()) {
        continue;
      }
      String relative = object.key().substring(layout.prefix().length());
      List<AuditRecord> expired = records.stream().filter(r -> r.retention().isExpiredAt(now)).toList();
      expired.forEach(r -> removed.add(r.id()));
      goneRecords.addAll(expired);
      if (kept.isEmpty()) {
        emptied.add(object.key());
        gone.add(new Obituaries.Gone(relative, null));
      } else {
        bucket.put(object.key(), DataObjects.encodeRecords(kept), b -> writeOptions.accept(kept, b));
        expired.forEach(r -> gone.add(new Obituaries.Gone(relative, r.id().value())));
      }
    }
    if (!emptied.isEmpty()) {
      List<String> refused = bucket.delete(emptied);
      if (!refused.isEmpty()) {
        throw S3Errors.refusedDeletes("expired data objects", refused);
      }
    }
    new Obituaries(bucket, layout).write(gone, Obituaries.bucketsOf(goneRecords));
    return removed.size();
  }
}
