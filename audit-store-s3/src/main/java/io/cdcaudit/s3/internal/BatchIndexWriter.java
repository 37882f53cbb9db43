package io.cdcaudit.s3.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the index of one batch of data objects: every entry's keys, in one object under
 * {@link Layout#batchIndexRoot()}, named by the hash of its entries so that the same batch written again makes no
 * second object.
 */
public final class BatchIndexWriter {

  private final BucketAccess bucket;
  private final Layout layout;

  /** Batch indexes of {@code layout}. */
  public BatchIndexWriter(BucketAccess bucket, Layout layout) {
    this.bucket = bucket;
    this.layout = layout;
  }

  /**
   * Writes the entries (not empty) as one batch index.
   *
   * @return its key
   */
  public String write(List<IndexEntry> entries) {
    List<byte[]> lines = new ArrayList<>(entries.size());
    String[] identities = new String[entries.size()];
    String first = null;
    for (int i = 0; i < entries.size(); i++) {
      IndexEntry entry = entries.get(i);
      lines.add(entry.toLine());
      identities[i] = entry.id() + '\u0000' + entry.object();
      String prefix = entry.sortKey().substring(0, 17);
      first = first == null || prefix.compareTo(first) < 0 ? prefix : first;
    }
    Arrays.sort(identities);
    String key = layout.batchIndexRoot() + first + "-" + DataObjectName.hash("batch", identities)
        + DataObjectName.SUFFIX;
    bucket.putIfAbsent(key, GzipLines.write(lines), b -> {});
    return key;
  }
}
