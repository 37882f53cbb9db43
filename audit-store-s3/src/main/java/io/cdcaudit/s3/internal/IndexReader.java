package io.cdcaudit.s3.internal;

import io.cdcaudit.store.StoreException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads the index: the entries of one key, from the batch indexes not yet compacted and the key's bucket. Index
 * objects never change once written (a compaction writes new ones and deletes the old), so they are cached.
 *
 * <p>A compaction may delete an object between the listing and the read. The batch indexes are therefore listed
 * first: what a compaction removed from them after that listing is in a bucket segment it wrote before, which the
 * bucket's later listing shows; and a read that finds an object gone starts again from the listings.
 */
public final class IndexReader {

  private static final int ATTEMPTS = 5;

  private final BucketAccess bucket;
  private final Layout layout;
  private final Map<String, List<IndexEntry>> cache;

  /** A reader of the index under {@code layout}, caching up to {@code cachedObjects} index objects. */
  public IndexReader(BucketAccess bucket, Layout layout, int cachedObjects) {
    this.bucket = bucket;
    this.layout = layout;
    this.cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<IndexEntry>> eldest) {
        return size() > cachedObjects;
      }
    });
  }

  /**
   * The entries under {@code key}, grouped by event id, each group in {@link IndexEntry#FIRST_WINS} order: one id
   * may be in several data objects (a batch replayed in another cut), some of which a compaction or purge removed.
   *
   * @throws StoreException when S3 fails, or the index kept changing under the reads
   */
  public Map<String, List<IndexEntry>> entries(String key) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      List<S3Object> batches = bucket.list(layout.batchIndexRoot());
      List<S3Object> segments = bucket.list(layout.bucketRoot(Layout.bucketOf(key)));
      Map<String, List<IndexEntry>> byId = new HashMap<>();
      boolean complete = true;
      for (S3Object object : concat(segments, batches)) {
        Optional<List<IndexEntry>> read = read(object.key());
        if (read.isEmpty()) {
          complete = false;
          break;
        }
        for (IndexEntry entry : read.get()) {
          if (entry.keys().contains(key)) {
            List<IndexEntry> copies = byId.computeIfAbsent(entry.id(), id -> new ArrayList<>(1));
            if (copies.stream().noneMatch(c -> c.object().equals(entry.object()))) {
              copies.add(entry);
            }
          }
        }
      }
      if (complete) {
        byId.values().forEach(copies -> copies.sort(IndexEntry.FIRST_WINS));
        return byId;
      }
    }
    throw new StoreException("the index under s3://" + bucket.bucket() + "/" + layout.prefix()
        + "index/ changed under " + ATTEMPTS + " reads in a row (compactions running all the time?)");
  }

  /**
   * The entries of one index object, or empty when it is gone.
   *
   * @throws StoreException when S3 fails or the object is not an index this store wrote
   */
  public Optional<List<IndexEntry>> read(String key) {
    List<IndexEntry> cached = cache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<byte[]> bytes = bucket.get(key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    List<IndexEntry> entries = parse(key, bytes.get());
    cache.put(key, entries);
    return Optional.of(entries);
  }

  /**
   * Remembers what this store itself just wrote to an index object, so that neither a query nor the fold reads it
   * back (index objects never change once written).
   */
  public void remember(String key, List<IndexEntry> entries) {
    cache.put(key, List.copyOf(entries));
  }

  /** Forgets a deleted object. */
  public void forget(String key) {
    cache.remove(key);
  }

  private List<IndexEntry> parse(String key, byte[] bytes) {
    try {
      List<byte[]> lines = GzipLines.read(bytes);
      List<IndexEntry> entries = new ArrayList<>(lines.size());
      for (byte[] line : lines) {
        entries.add(IndexEntry.fromLine(line));
      }
      return List.copyOf(entries);
    } catch (IOException | IllegalArgumentException e) {
      throw StoreException.unusable("s3://" + bucket.bucket() + "/" + key + " is not an index this store wrote ("
          + e.getMessage() + "); another program writes under the store's prefix", e);
    }
  }

  private static List<S3Object> concat(List<S3Object> a, List<S3Object> b) {
    List<S3Object> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
