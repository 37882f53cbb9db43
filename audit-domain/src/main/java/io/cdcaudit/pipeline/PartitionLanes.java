package io.cdcaudit.pipeline;

import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands polled messages to the workers: one lane per ordered partition, whose batches are processed
 * one after the other (so the partition's order is kept), lanes in parallel on the worker pool;
 * messages of an unordered partition are spread over as many lanes as there are workers.
 *
 * <p>{@link #dispatch} is called from the poll thread only.
 */
final class PartitionLanes {

  /** What a worker does with a batch of one lane. */
  @FunctionalInterface
  interface Worker {
    /**
     * Processes {@code messages}, in lane order.
     *
     * @param receivedAtNanos when the first of them was received ({@link System#nanoTime()})
     * @throws AbandonedBatch to give up this batch and what is queued behind it in the lane
     */
    void process(List<SourceMessage> messages, long receivedAtNanos);
  }

  // Past this many lanes, idle ones are dropped, so that partitions that come and go do not pile up.
  private static final int MAX_IDLE_LANES = 1024;

  private final ExecutorService workers;
  private final int parallelism;
  private final int batchSize;
  private final Worker worker;
  private final PipelineErrors errors;
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final AtomicInteger pendingChunks = new AtomicInteger();
  private int unorderedRoundRobin;

  /** {@code parallelism} workers, named after the pipeline, each given at most {@code batchSize} messages at once. */
  PartitionLanes(String name, int parallelism, int batchSize, Worker worker, PipelineErrors errors) {
    this.parallelism = parallelism;
    this.batchSize = batchSize;
    this.worker = worker;
    this.errors = errors;
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, name + "-worker-" + workerNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues a polled batch on the lanes of its partitions, in chunks of at most a batch each. */
  void dispatch(List<SourceMessage> batch, long receivedAtNanos) {
    Map<SourcePartition, List<SourceMessage>> byPartition = new LinkedHashMap<>();
    for (SourceMessage message : batch) {
      byPartition.computeIfAbsent(message.partition(), p -> new ArrayList<>()).add(message);
    }
    for (Map.Entry<SourcePartition, List<SourceMessage>> group : byPartition.entrySet()) {
      List<SourceMessage> messages = group.getValue();
      for (int from = 0; from < messages.size(); from += batchSize) {
        List<SourceMessage> chunk = List.copyOf(messages.subList(from, Math.min(messages.size(), from + batchSize)));
        laneFor(group.getKey()).submit(new Chunk(chunk, receivedAtNanos));
      }
    }
    if (lanes.size() > MAX_IDLE_LANES) {
      lanes.values().removeIf(Lane::isIdle);
    }
  }

  /** Whether chunks are queued or being processed. */
  boolean hasPending() {
    return pendingChunks.get() > 0;
  }

  /** Interrupts the workers and waits a little for them to end. */
  void stopWorkers() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the worker pool without waiting, for a pipeline that never ran. */
  void discardWorkers() {
    workers.shutdownNow();
  }

  private Lane laneFor(SourcePartition partition) {
    String key = partition.stream() + '\u0000' + partition.partition();
    if (!partition.ordered()) {
      // No order to keep: spread the messages over all workers.
      key += '\u0000' + Integer.toString(unorderedRoundRobin++ % parallelism);
    }
    return lanes.computeIfAbsent(key, k -> new Lane());
  }

  private record Chunk(List<SourceMessage> messages, long receivedAtNanos) {}

  /** A partition's chunks, processed one after the other on the worker pool. */
  private final class Lane implements Runnable {
    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    void submit(Chunk chunk) {
      pendingChunks.incrementAndGet();
      queue.add(chunk);
      schedule();
    }

    boolean isIdle() {
      return !scheduled.get() && queue.isEmpty();
    }

    private void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        try {
          workers.execute(this);
        } catch (RejectedExecutionException shuttingDown) {
          scheduled.set(false);
        }
      }
    }

    @Override
    public void run() {
      boolean aborted = false;
      try {
        while (!aborted) {
          List<Chunk> work = takeUpTo(batchSize);
          if (work.isEmpty()) {
            break;
          }
          try {
            process(work);
          } catch (AbandonedBatch abandoned) {
            aborted = true;
          } catch (RuntimeException | Error e) {
            // A defect, not bad input: stop without acknowledging rather than lose the batch.
            errors.note("batch processing", e);
            errors.fail(e);
            aborted = true;
          } finally {
            pendingChunks.addAndGet(-work.size());
          }
        }
      } finally {
        if (aborted) {
          for (Chunk dropped; (dropped = queue.poll()) != null; ) {
            pendingChunks.decrementAndGet();
          }
        }
        scheduled.set(false);
        if (!aborted && !queue.isEmpty()) {
          schedule();
        }
      }
    }

    private void process(List<Chunk> work) {
      List<SourceMessage> messages = new ArrayList<>();
      for (Chunk chunk : work) {
        messages.addAll(chunk.messages());
      }
      worker.process(messages, work.get(0).receivedAtNanos());
    }

    /** Queued chunks, merged while they fit in one store batch (at least one). */
    private List<Chunk> takeUpTo(int maxMessages) {
      List<Chunk> work = new ArrayList<>();
      int messages = 0;
      for (Chunk next; (next = queue.peek()) != null; ) {
        if (!work.isEmpty() && messages + next.messages().size() > maxMessages) {
          break;
        }
        work.add(queue.poll());
        messages += next.messages().size();
      }
      return work;
    }
  }
}
