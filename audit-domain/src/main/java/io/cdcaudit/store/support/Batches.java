package io.cdcaudit.store.support;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a store does to a batch before it writes: drop repeated records, cut it into chunks. */
public final class Batches {

  private Batches() {}

  /**
   * The batch with each event id once, the first record of an id kept, in batch order. A source
   * that redelivers may put one change twice into a batch; the first stored version wins, as it
   * does across batches.
   *
   * @param records the batch
   * @return the distinct records; the same list when nothing repeats
   * @throws NullPointerException when a record is {@code null}
   */
  public static List<AuditRecord> distinctById(List<AuditRecord> records) {
    Map<EventId, AuditRecord> unique = new LinkedHashMap<>();
    for (AuditRecord record : records) {
      unique.putIfAbsent(Objects.requireNonNull(record, "record").id(), record);
    }
    return unique.size() == records.size() ? records : List.copyOf(unique.values());
  }

  /**
   * Consecutive chunks of at most {@code size} items, in order.
   *
   * @param <T> the items
   * @param items what to cut
   * @param size the most items per chunk, at least 1
   * @return the chunks (views of {@code items}); none when {@code items} is empty
   * @throws IllegalArgumentException when {@code size} is below 1
   */
  public static <T> List<List<T>> chunks(List<T> items, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a chunk holds at least 1 item, got " + size);
    }
    List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
    for (int from = 0; from < items.size(); from += size) {
      chunks.add(items.subList(from, Math.min(items.size(), from + size)));
    }
    return chunks;
  }
}
