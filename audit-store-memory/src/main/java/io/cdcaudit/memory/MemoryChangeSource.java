package io.cdcaudit.memory;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A reader of a {@link MemoryLog}: delivers messages from the committed positions on, commits the
 * contiguous acknowledged prefix of each partition, honours pause and resume, and injects the
 * log's faults.
 */
public final class MemoryChangeSource implements ChangeSource {

  /** The most messages one poll returns. */
  public static final int MAX_POLL_MESSAGES = 500;

  private final MemoryLog log;
  private final long[] next;
  private boolean paused;
  private boolean closed;
  private int roundRobin;

  MemoryChangeSource(MemoryLog log) {
    this.log = log;
    List<Partition> partitions = log.partitions();
    this.next = new long[partitions.size()];
    for (int i = 0; i < next.length; i++) {
      next[i] = partitions.get(i).committed();
    }
  }

  @Override
  public List<SourceMessage> poll(Duration timeout) {
    checkOpen();
    String refusal = log.faults().refusal();
    if (refusal != null) {
      throw SourceException.unusable("injected: " + refusal, null);
    }
    if (log.faults().takePollFailure()) {
      throw new SourceException("injected poll failure");
    }
    List<SourceMessage> out = new ArrayList<>();
    if (!paused) {
      List<Partition> partitions = log.partitions();
      // Take a share from each partition in turn, so that every partition makes progress.
      int share = Math.max(1, MAX_POLL_MESSAGES / partitions.size());
      for (int k = 0; k < partitions.size() && out.size() < MAX_POLL_MESSAGES; k++) {
        int p = (roundRobin + k) % partitions.size();
        Partition partition = partitions.get(p);
        long end = Math.min(partition.size(), next[p] + Math.min(share, MAX_POLL_MESSAGES - out.size()));
        for (long offset = next[p]; offset < end; offset++) {
          byte[][] message = partition.at(offset);
          out.add(SourceMessage.builder(new MessageCoordinates(partition.id(), Long.toString(offset)))
              .key(message[0])
              .value(message[1])
              .receipt(new Receipt(p, offset))
              .build());
        }
        next[p] = Math.max(next[p], end);
      }
      roundRobin++;
    }
    if (out.isEmpty() && !timeout.isZero()) {
      sleep(Math.min(timeout.toMillis(), 20));
    }
    return out;
  }

  @Override
  public void acknowledge(List<SourceMessage> messages) {
    checkOpen();
    if (messages.isEmpty()) {
      return;
    }
    if (log.faults().takeAcknowledgementFailure()) {
      throw new SourceException("injected acknowledgement failure");
    }
    if (log.faults().takeLostAcknowledgement()) {
      return;
    }
    for (SourceMessage message : messages) {
      if (message.receipt() instanceof Receipt r) {
        log.partitions().get(r.partition).acknowledge(r.offset);
      } else {
        throw new IllegalArgumentException("not a message of a MemoryLog source: " + message);
      }
    }
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public OptionalLong lag() {
    long lag = 0;
    List<Partition> partitions = log.partitions();
    for (int i = 0; i < next.length; i++) {
      lag += partitions.get(i).size() - next[i];
    }
    return OptionalLong.of(lag);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this source is closed");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Receipt(int partition, long offset) {}
}
