package io.cdcaudit.kinesis.internal;

import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over between the Kinesis Client Library's shard threads and the pipeline's one thread.
 * Each shard this worker holds has a {@link ShardFeed}: a bounded queue that the shard's thread
 * fills ({@link #offer}, blocking while it is full, so backpressure reaches the KCL) and the
 * pipeline drains ({@link #take}), and the acknowledged prefix of what was delivered, which the
 * shard's thread checkpoints ({@link #uncheckpointed}). One lock guards everything; every change
 * wakes every waiter (the pipeline's thread and one per shard held: a handful).
 *
 * <p>A feed that once refused a record ({@link Offer#CLOSED}) never delivers again: a record it
 * skipped was never delivered, so the acknowledged prefix could pass over it, and only a new
 * lease (which reads again from the checkpoint) may go on.
 */
public final class Handover {

  /** What became of an offered record. */
  public enum Offer {
    /** Queued for the pipeline. */
    ACCEPTED,
    /** The shard's queue stayed full for the whole wait: try again. */
    FULL,
    /** The feed was released or the source closed: the record is not delivered, nor any after it. */
    CLOSED
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int capacityPerShard;
  private final Map<SourcePartition, ShardFeed> feeds = new LinkedHashMap<>();
  private boolean paused;
  private boolean closed;
  private SourceException failure;

  /**
   * A hand-over with a queue of {@code capacityPerShard} records per shard.
   *
   * @param capacityPerShard how many records of one shard may wait for the pipeline
   */
  public Handover(int capacityPerShard) {
    if (capacityPerShard < 1) {
      throw new IllegalArgumentException("capacityPerShard must be at least 1, got " + capacityPerShard);
    }
    this.capacityPerShard = capacityPerShard;
  }

  /**
   * A feed for a shard whose lease this worker just took; a feed of an earlier lease on it is
   * released (its queued records dropped, its acknowledgements ignored from now on).
   *
   * @param partition the shard
   * @return the new feed
   */
  public ShardFeed open(SourcePartition partition) {
    lock.lock();
    try {
      ShardFeed feed = new ShardFeed(this, partition);
      ShardFeed earlier = feeds.put(partition, feed);
      if (earlier != null) {
        releaseLocked(earlier);
      }
      changed.signalAll();
      return feed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a record of the feed's shard for the pipeline, waiting up to {@code wait} for room.
   * Records of one feed must be offered in sequence order.
   *
   * @param feed the shard's feed
   * @param message the record as a message whose receipt is {@link #receipt}
   * @param wait how long to wait while the queue is full
   * @return whether it was queued, the queue stayed full, or the feed no longer delivers
   * @throws InterruptedException when the shard's thread is interrupted while waiting
   */
  public Offer offer(ShardFeed feed, SourceMessage message, Duration wait) throws InterruptedException {
    lock.lock();
    try {
      long nanos = wait.toNanos();
      while (!feed.released && !closed && feed.queued.size() >= capacityPerShard) {
        if (nanos <= 0) {
          return Offer.FULL;
        }
        nanos = changed.awaitNanos(nanos);
      }
      if (feed.released || closed) {
        return Offer.CLOSED;
      }
      feed.queued.addLast(message);
      changed.signalAll();
      return Offer.ACCEPTED;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The receipt a message of {@code feed} at {@code position} carries.
   *
   * @param feed the shard's feed
   * @param position the record's position
   * @return the receipt, for {@link SourceMessage.Builder#receipt(Object)}
   */
  public static Object receipt(ShardFeed feed, ShardPosition position) {
    return new KinesisReceipt(feed, position);
  }

  /**
   * Takes queued records for the pipeline, waiting up to {@code timeout} for a first one; shards
   * take turns, each in its order. Returns none while paused.
   *
   * @param timeout how long to wait when none is queued
   * @param max the most messages to take
   * @return the messages, in sequence order within each shard
   * @throws SourceException a failure reported by the KCL side, once
   */
  public List<SourceMessage> take(Duration timeout, int max) {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (failure == null && !closed && (paused || !anyQueued()) && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
      if (failure != null) {
        SourceException reported = failure;
        failure = null;
        throw reported;
      }
      if (closed || paused) {
        return List.of();
      }
      List<SourceMessage> out = new ArrayList<>();
      int share = Math.max(1, max / Math.max(1, feeds.size()));
      for (int round = 0; round < 2 && out.size() < max; round++) {
        for (ShardFeed feed : feeds.values()) {
          int limit = round == 0 ? share : max;
          for (int n = 0; n < limit && out.size() < max && !feed.queued.isEmpty(); n++) {
            SourceMessage message = feed.queued.pollFirst();
            feed.prefix.delivered(((KinesisReceipt) message.receipt()).position());
            out.add(message);
          }
        }
      }
      if (!out.isEmpty()) {
        changed.signalAll();
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  private boolean anyQueued() {
    for (ShardFeed feed : feeds.values()) {
      if (!feed.queued.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Notes messages whose records are stored (or dead-lettered). Messages of a released feed, of
   * another source, or acknowledged before, change nothing.
   *
   * @param messages messages {@link #take} delivered
   */
  public void acknowledged(Collection<SourceMessage> messages) {
    lock.lock();
    try {
      boolean moved = false;
      for (SourceMessage message : messages) {
        if (message.receipt() instanceof KinesisReceipt receipt && receipt.feed().handover == this
            && !receipt.feed().released) {
          receipt.feed().prefix.acknowledged(receipt.position());
          moved = true;
        }
      }
      if (moved) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The end of the feed's acknowledged prefix when it is past the last checkpoint.
   *
   * @param feed the shard's feed
   * @return the position to checkpoint, or empty when there is nothing new (or the feed is released)
   */
  public Optional<ShardPosition> uncheckpointed(ShardFeed feed) {
    lock.lock();
    try {
      return feed.released ? Optional.empty() : beyondCheckpoint(feed);
    } finally {
      lock.unlock();
    }
  }

  private static Optional<ShardPosition> beyondCheckpoint(ShardFeed feed) {
    Optional<ShardPosition> last = feed.prefix.last();
    if (last.isPresent() && feed.checkpointed != null && last.get().compareTo(feed.checkpointed) <= 0) {
      return Optional.empty();
    }
    return last;
  }

  /**
   * Notes a checkpoint the shard's thread wrote.
   *
   * @param feed the shard's feed
   * @param position the position checkpointed
   */
  public void checkpointed(ShardFeed feed, ShardPosition position) {
    lock.lock();
    try {
      if (feed.checkpointed == null || position.compareTo(feed.checkpointed) > 0) {
        feed.checkpointed = position;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code wait} until everything offered through the feed was delivered and
   * acknowledged: at a shard end, the condition for checkpointing it.
   *
   * @param feed the shard's feed
   * @param wait how long to wait
   * @return whether every record is acknowledged; {@code false} also once the feed is released or
   *     the source closed
   * @throws InterruptedException when the shard's thread is interrupted while waiting
   */
  public boolean awaitAllAcknowledged(ShardFeed feed, Duration wait) throws InterruptedException {
    lock.lock();
    try {
      long nanos = wait.toNanos();
      while (!feed.released && !closed && !(feed.queued.isEmpty() && feed.prefix.pending() == 0)) {
        if (nanos <= 0) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return !feed.released && !closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the feed still delivers: neither released nor its source closed.
   *
   * @param feed the shard's feed
   * @return {@code true} while it delivers
   */
  public boolean isOpen(ShardFeed feed) {
    lock.lock();
    try {
      return !feed.released && !closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends a feed (lease lost, shutdown requested, shard ended, processor failed): its queued records
   * are dropped, and later acknowledgements of its messages change nothing; the next owner of the
   * lease reads from the last checkpoint.
   *
   * @param feed the shard's feed
   * @return the end of its acknowledged prefix if it is past the last checkpoint: what a graceful
   *     shutdown may still checkpoint
   */
  public Optional<ShardPosition> release(ShardFeed feed) {
    lock.lock();
    try {
      Optional<ShardPosition> last = beyondCheckpoint(feed);
      releaseLocked(feed);
      return last;
    } finally {
      lock.unlock();
    }
  }

  private void releaseLocked(ShardFeed feed) {
    feed.released = true;
    feed.queued.clear();
    feeds.remove(feed.partition, feed);
    changed.signalAll();
  }

  /**
   * Reports a failure to the pipeline: the next {@link #take} throws it.
   *
   * @param e what the pipeline should see
   */
  public void fail(SourceException e) {
    lock.lock();
    try {
      if (failure == null || e.isUnusable()) {
        failure = e;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops delivery until {@link #resume()}; the shards' threads block once their queues are full. */
  public void pause() {
    lock.lock();
    try {
      paused = true;
    } finally {
      lock.unlock();
    }
  }

  /** Delivers again after {@link #pause()}. */
  public void resume() {
    lock.lock();
    try {
      paused = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops every delivery for good: blocked shard threads return, and what the feeds acknowledged
   * stays for their final checkpoint ({@link #release}).
   */
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records waiting for the pipeline, over every shard.
   *
   * @return how many are queued
   */
  public int queued() {
    lock.lock();
    try {
      int n = 0;
      for (ShardFeed feed : feeds.values()) {
        n += feed.queued.size();
      }
      return n;
    } finally {
      lock.unlock();
    }
  }
}
