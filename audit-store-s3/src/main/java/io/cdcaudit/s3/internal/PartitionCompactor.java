package io.cdcaudit.s3.internal;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Rewrites one day of a table as few objects without duplicates: per retention kind, the records of every object
 * there (each id once, the {@link IndexEntry#FIRST_WINS first recorded} copy), in objects of at most
 * {@value #MAX_RECORDS} records, with their batch index; then the objects it read are deleted and declared gone.
 * Safe beside writers: an object written after the listing is neither read nor deleted; readers see the records
 * in the old objects, then in both (de-duplicated), then in the new ones.
 */
public final class PartitionCompactor {

  /** The most records one rewritten object holds. */
  public static final int MAX_RECORDS = 100_000;

  private final BucketAccess bucket;
  private final DataObjects data;
  private final Layout layout;
  private final BatchIndexWriter batchIndex;
  private final Obituaries obituaries;
  private final BiConsumer<List<AuditRecord>, PutObjectRequest.Builder> writeOptions;

  /** Partition compactions of {@code layout}; {@code writeOptions} sets a new object's lock and tags. */
  public PartitionCompactor(BucketAccess bucket, DataObjects data, Layout layout,
      BiConsumer<List<AuditRecord>, PutObjectRequest.Builder> writeOptions) {
    this.bucket = bucket;
    this.data = data;
    this.layout = layout;
    this.batchIndex = new BatchIndexWriter(bucket, layout);
    this.obituaries = new Obituaries(bucket, layout);
    this.writeOptions = writeOptions;
  }

  /**
   * Compacts the day.
   *
   * @return how many objects were replaced (0 when the day had at most one object of each kind)
   */
  public int compact(TableRef table, LocalDate day) {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (S3Object object : bucket.list(layout.dayPrefix(table, day))) {
      DataObjectName.parse(Layout.fileName(object.key())).ifPresent(name -> byKind.computeIfAbsent(
          name.retentionClass().startsWith("x") ? "x" : name.retentionClass(), k -> new ArrayList<>()).add(object.key()));
    }
    int replaced = 0;
    for (List<String> keys : byKind.values()) {
      if (keys.size() > 1) {
        replaced += rewrite(table, day, keys);
      }
    }
    return replaced;
  }

  private int rewrite(TableRef table, LocalDate day, List<String> keys) {
    Map<String, AuditRecord> winners = new HashMap<>();
    Map<String, String> winnerObject = new HashMap<>();
    List<String> read = new ArrayList<>();
    List<AuditRecord> everything = new ArrayList<>();
    for (String key : keys) {
      List<AuditRecord> records = data.read(key).orElse(null);
      if (records == null) {
        continue; // compacted or purged meanwhile
      }
      read.add(key);
      everything.addAll(records);
      for (AuditRecord record : records) {
        String id = record.id().value();
        AuditRecord current = winners.get(id);
        if (current == null || firstWins(record, key, current, winnerObject.get(id))) {
          winners.put(id, record);
          winnerObject.put(id, key);
        }
      }
    }
    if (read.size() < 2) {
      return 0;
    }
    List<AuditRecord> merged = new ArrayList<>(winners.values());
    merged.sort(Comparator.comparing(AuditRecord::sortKey));
    Set<String> written = new TreeSet<>();
    List<IndexEntry> entries = new ArrayList<>(merged.size());
    for (int from = 0; from < merged.size(); from += MAX_RECORDS) {
      List<AuditRecord> chunk = merged.subList(from, Math.min(merged.size(), from + MAX_RECORDS));
      DataObjectName name = DataObjectName.of(chunk, DataObjectName.retentionClassOf(chunk));
      String key = layout.dataKey(table, day, name);
      bucket.putIfAbsent(key, DataObjects.encodeRecords(chunk), b -> writeOptions.accept(chunk, b));
      written.add(key);
      String relative = key.substring(layout.prefix().length());
      chunk.forEach(r -> entries.add(IndexEntry.of(r, relative)));
    }
    batchIndex.write(entries);
    List<String> old = read.stream().filter(k -> !written.contains(k)).toList();
    List<String> refused = bucket.delete(old);
    if (!refused.isEmpty()) {
      throw S3Errors.refusedDeletes("compacted data objects", refused);
    }
    obituaries.write(old.stream().map(k -> new Obituaries.Gone(k.substring(layout.prefix().length()), null)).toList(),
        Obituaries.bucketsOf(everything));
    return old.size();
  }

  private static boolean firstWins(AuditRecord a, String aObject, AuditRecord b, String bObject) {
    int c = a.recordedAt().compareTo(b.recordedAt());
    return c < 0 || c == 0 && aObject.compareTo(bObject) < 0;
  }
}
