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
 * Folds the batch indexes into the buckets: for every bucket they touch, one new segment holding the bucket's old
 * segments and the new entries, then the folded objects are deleted. Safe beside writers and other compactions: it
 * deletes only objects it read, after the segment holding their entries is written, so at every moment each entry is
 * in a batch index or a segment (readers list in the order {@link IndexReader} says).
 */
public final class IndexCompactor {

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

  private void fold(int bucketNumber, List<IndexEntry> entries, Obituaries.Read gone) {
    List<String> old = new ArrayList<>();
    Map<String, IndexEntry> merged = new LinkedHashMap<>();
    for (S3Object segment : bucket.list(layout.bucketRoot(bucketNumber))) {
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
        sorted.stream().map(e -> identity(e)).toArray(String[]::new));
    String key = layout.bucketRoot(bucketNumber) + hash + DataObjectName.SUFFIX;
    bucket.putIfAbsent(key, GzipLines.write(lines), b -> {});
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
