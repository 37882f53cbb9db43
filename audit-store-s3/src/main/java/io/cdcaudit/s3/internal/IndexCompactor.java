package io.cdcaudit.s3.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Folds the batch indexes into the buckets: for every bucket they touch, a new segment of the new entries (merged
 * with others of its size tier when the tier is full), then the folded objects are deleted. Safe beside writers
 * and other compactions: it deletes only objects it read, after the segment holding their entries is written, so at every moment each entry is
 * in a batch index or a segment (readers list in the order {@link IndexReader} says).
 */
public final class IndexCompactor {

  /** How many segments of one tier are merged into one of the next. */
  static final int MERGE_WIDTH = 4;
  /** The size of the smallest tier's segments. */
  private static final long TIER_UNIT_BYTES = 16 * 1024;

  private final BucketAccess bucket;
  private final Layout layout;
  private final IndexReader reader;
  private final Obituaries obituaries;

  /** Compactions of the index of {@code layout}. */
  public IndexCompactor(BucketAccess bucket, Layout layout, IndexReader reader) {
    this.bucket = bucket;
    this.layout = layout;
    this.reader = reader;
    this.obituaries = new Obituaries(bucket, layout);
  }

  /**
   * Folds every batch index there is now.
   *
   * @return how many batch indexes were folded
   */
  public int compact() {
    // Obituaries first: an object is declared gone only after the entries replacing it are in a batch index, which
    // the listing below then shows.
    Obituaries.Read gone = obituaries.readAll();
    List<String> batches = new ArrayList<>();
    Map<Integer, List<IndexEntry>> fresh = new TreeMap<>();
    for (S3Object object : bucket.list(layout.batchIndexRoot())) {
      Optional<List<IndexEntry>> entries = reader.read(object.key());
      if (entries.isEmpty()) {
        continue; // folded by another compaction meanwhile
      }
      batches.add(object.key());
      for (IndexEntry entry : entries.get()) {
        for (String key : entry.keys()) {
          fresh.computeIfAbsent(Layout.bucketOf(key), b -> new ArrayList<>()).add(entry.under(key));
        }
      }
    }
    if (batches.isEmpty() && gone.keys().isEmpty()) {
      return 0;
    }
    gone.buckets().forEach(b -> fresh.computeIfAbsent(b, x -> new ArrayList<>()));
    for (Map.Entry<Integer, List<IndexEntry>> bucketEntries : fresh.entrySet()) {
      fold(bucketEntries.getKey(), bucketEntries.getValue(), gone);
    }
    delete(batches);
    delete(gone.keys());
    return batches.size();
  }

  /**
   * Files the new entries of one bucket: as a new segment of their own, then merges any tier that has grown to
   * {@value #MERGE_WIDTH} segments; a bucket holding entries of removed objects is rewritten whole instead, without
   * them (that is rare: partition compactions and purges).
   */
  private void fold(int bucketNumber, List<IndexEntry> entries, Obituaries.Read gone) {
    if (gone.buckets().contains(bucketNumber)) {
      List<S3Object> all = bucket.list(layout.bucketRoot(bucketNumber));
      merge(bucketNumber, all, entries, gone);
      return;
    }
    if (entries.isEmpty()) {
      return;
    }
    merge(bucketNumber, List.of(), entries, gone);
    mergeFullTiers(bucketNumber, gone);
  }

  /**
   * Size-tiered merging, as log-structured stores do: segments of about the same size (a factor of
   * {@value #MERGE_WIDTH}) form a tier, and a tier of {@value #MERGE_WIDTH} becomes one segment of the next. Each
   * entry is so rewritten about once per tier, not once per fold, and a bucket keeps a few segments per tier.
   */
  private void mergeFullTiers(int bucketNumber, Obituaries.Read gone) {
    while (true) {
      Map<Integer, List<S3Object>> tiers = new TreeMap<>();
      for (S3Object segment : bucket.list(layout.bucketRoot(bucketNumber))) {
        tiers.computeIfAbsent(tierOf(segment.size()), t -> new ArrayList<>()).add(segment);
      }
      Optional<List<S3Object>> full = tiers.values().stream().filter(t -> t.size() >= MERGE_WIDTH).findFirst();
      if (full.isEmpty()) {
        return;
      }
      merge(bucketNumber, full.get(), List.of(), gone);
    }
  }

  private static int tierOf(Long size) {
    long units = Math.max(1, (size == null ? 0 : size) / TIER_UNIT_BYTES);
    return (63 - Long.numberOfLeadingZeros(units)) / 2; // log4
  }

  /** Writes one segment of {@code segments}' entries and {@code entries}, then deletes {@code segments}. */
  private void merge(int bucketNumber, List<S3Object> segments, List<IndexEntry> entries, Obituaries.Read gone) {
    List<String> old = new ArrayList<>();
    Map<String, IndexEntry> merged = new LinkedHashMap<>();
    for (S3Object segment : segments) {
      Optional<List<IndexEntry>> read = reader.read(segment.key());
      if (read.isPresent()) {
        old.add(segment.key());
        read.get().forEach(e -> merged.putIfAbsent(identity(e), e));
      }
    }
    entries.forEach(e -> merged.putIfAbsent(identity(e), e));
    merged.values().removeIf(gone::covers);
    if (merged.isEmpty() && old.isEmpty()) {
      return;
    }
    List<IndexEntry> sorted = new ArrayList<>(merged.values());
    sorted.sort(Comparator.comparing((IndexEntry e) -> e.keys().get(0)).thenComparing(IndexEntry::sortKey)
        .thenComparing(IndexEntry::object));
    List<byte[]> lines = new ArrayList<>(sorted.size());
    sorted.forEach(e -> lines.add(e.toLine()));
    String hash = DataObjectName.hash(Integer.toString(bucketNumber),
        sorted.stream().map(IndexCompactor::identity).toArray(String[]::new));
    String key = layout.bucketRoot(bucketNumber) + hash + DataObjectName.SUFFIX;
    if (!merged.isEmpty()) {
      bucket.putIfAbsent(key, GzipLines.write(lines), b -> {});
    }
    old.remove(key);
    delete(old);
  }

  private void delete(List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> refused = bucket.delete(keys);
    keys.forEach(reader::forget);
    if (!refused.isEmpty()) {
      throw S3Errors.refusedDeletes("index objects (give the bucket no default retention: index objects are "
          + "rewritten)", refused);
    }
  }

  /** One entry per key, id and data object. */
  private static String identity(IndexEntry e) {
    return e.keys().get(0) + '\u0000' + e.id() + '\u0000' + e.object();
  }
}
