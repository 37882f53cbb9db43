package io.cdcaudit.sqs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages a consumer received and has not acknowledged yet, each with its newest receipt
 * handle and the time its visibility timeout runs out. It answers which ones need their visibility
 * extended, and forgets a message once it is deleted, released or lost to a lapse.
 *
 * <p>Keyed by message id: when SQS delivers a message again (a standard queue may), the newer
 * receipt handle replaces the older one, because only the newest one deletes the message.
 *
 * <p>Not thread-safe: the source uses it from the pipeline's poll thread only. Times are
 * {@link System#nanoTime()} values.
 */
public final class InFlightMessages {

  /** One message in flight. */
  public record Entry(String messageId, String receiptHandle, long visibleAtNanos) {}

  private final Map<String, Entry> byId = new LinkedHashMap<>();

  /** Notes a received message, visible again to other consumers at {@code visibleAtNanos}. */
  public void received(String messageId, String receiptHandle, long visibleAtNanos) {
    byId.put(messageId, new Entry(messageId, receiptHandle, visibleAtNanos));
  }

  /** The entry of a message, or {@code null} when it is not (or no longer) in flight here. */
  public Entry get(String messageId) {
    return byId.get(messageId);
  }

  /** Forgets a message; returns its entry, or {@code null} when it was not in flight here. */
  public Entry forget(String messageId) {
    return byId.remove(messageId);
  }

  /** Notes that a message's visibility was extended to {@code visibleAtNanos}. */
  public void extended(String messageId, long visibleAtNanos) {
    Entry entry = byId.get(messageId);
    if (entry != null) {
      byId.put(messageId, new Entry(messageId, entry.receiptHandle(), visibleAtNanos));
    }
  }

  /** The messages whose visibility runs out before {@code nanos}, oldest first. */
  public List<Entry> visibleBefore(long nanos) {
    List<Entry> due = new ArrayList<>();
    for (Entry entry : byId.values()) {
      if (entry.visibleAtNanos() - nanos < 0) {
        due.add(entry);
      }
    }
    return due;
  }

  /** Forgets every message and returns them. */
  public List<Entry> forgetAll() {
    List<Entry> all = new ArrayList<>(byId.values());
    byId.clear();
    return all;
  }

  public int size() {
    return byId.size();
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }
}
