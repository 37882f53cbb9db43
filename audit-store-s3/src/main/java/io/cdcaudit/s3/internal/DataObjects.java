package io.cdcaudit.s3.internal;

import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.StoreException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes data objects: one audit-record JSON per line, gzip-compressed. */
public final class DataObjects {

  private final BucketAccess bucket;

  /** Data objects in {@code bucket}. */
  public DataObjects(BucketAccess bucket) {
    this.bucket = bucket;
  }

  /** The object's bytes for records already turned into JSON. */
  public static byte[] encode(List<byte[]> jsonLines) {
    return GzipLines.write(jsonLines);
  }

  /** The object's bytes for records. */
  public static byte[] encodeRecords(List<AuditRecord> records) {
    List<byte[]> lines = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      lines.add(AuditRecordJson.toBytes(record));
    }
    return GzipLines.write(lines);
  }

  /**
   * The records of the object at {@code key}, or empty when it is gone (purged).
   *
   * @throws StoreException (permanent) when the object is not what this store writes: an audit trail that cannot be
   *     read is an error, never an empty answer
   */
  public Optional<List<AuditRecord>> read(String key) {
    Optional<byte[]> bytes = bucket.get(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    List<byte[]> lines;
    try {
      lines = GzipLines.read(bytes.get());
    } catch (IOException e) {
      throw unreadable(key, "it is not gzip (" + e.getMessage() + ")", e);
    }
    List<AuditRecord> records = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      try {
        records.add(AuditRecordJson.fromBytes(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw unreadable(key, "line " + (i + 1) + " is not an audit record: " + e.getMessage(), e);
      }
    }
    return Optional.of(records);
  }

  private StoreException unreadable(String key, String why, Exception e) {
    return StoreException.permanent("cannot read s3://" + bucket.bucket() + "/" + key + ": " + why, e);
  }
}
