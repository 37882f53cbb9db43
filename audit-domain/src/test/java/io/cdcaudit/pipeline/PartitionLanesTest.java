package io.cdcaudit.pipeline;

import static io.cdcaudit.pipeline.PipelineDoubles.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.pipeline.PipelineDoubles.SharedParts;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PartitionLanes")
class PartitionLanesTest {

  // Only how long a broken lane may hang the test before it fails; a passing test never waits it out.
  private static final long WAIT_SECONDS = 30;

  private static final SourcePartition A = SourcePartition.ordered("cdc", "a");
  private static final SourcePartition B = SourcePartition.ordered("cdc", "b");

  private final SharedParts parts = new SharedParts();
  private final List<PartitionLanes> made = new ArrayList<>();

  private PartitionLanes lanes(int parallelism, int batchSize, PartitionLanes.Worker worker) {
    PartitionLanes lanes = new PartitionLanes("test", parallelism, batchSize, worker, parts.errors);
    made.add(lanes);
    return lanes;
  }

  @AfterEach
  void stopWorkers() {
    made.forEach(PartitionLanes::stopWorkers);
  }

  private static List<SourceMessage> messages(SourcePartition partition, int from, int count) {
    List<SourceMessage> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(message(partition, i, "insert " + partition.partition() + i));
    }
    return out;
  }

  private static List<String> positions(List<SourceMessage> messages) {
    return messages.stream().map(m -> m.coordinates().position()).toList();
  }

  @Test
  @DisplayName("keeps each ordered partition's order, in batches of at most the batch size")
  void orderPerPartition() throws InterruptedException {
    Map<String, List<String>> seen = new ConcurrentHashMap<>();
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(40);
    PartitionLanes lanes = lanes(4, 3, (messages, receivedAt) -> {
      batchSizes.add(messages.size());
      messages.forEach(m -> {
        seen.computeIfAbsent(m.partition().partition(), p -> new CopyOnWriteArrayList<>()).add(m.coordinates().position());
        all.countDown();
      });
    });

    for (int poll = 0; poll < 4; poll++) {
      List<SourceMessage> batch = new ArrayList<>(messages(A, poll * 5, 5));
      batch.addAll(messages(B, poll * 5, 5));
      lanes.dispatch(batch, System.nanoTime());
    }

    assertThat(all.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    List<String> expected = positions(messages(A, 0, 20));
    assertThat(seen.get("a")).isEqualTo(expected);
    assertThat(seen.get("b")).isEqualTo(expected);
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
  }

  @Test
  @DisplayName("processes partitions in parallel: one partition's batch waits for another's")
  void partitionsInParallel() throws InterruptedException {
    CountDownLatch bProcessed = new CountDownLatch(1);
    CountDownLatch aDone = new CountDownLatch(1);
    List<String> aSawB = new CopyOnWriteArrayList<>();
    PartitionLanes lanes = lanes(2, 10, (messages, receivedAt) -> {
      if (messages.get(0).partition().equals(A)) {
        try {
          // On one thread this would wait in vain: B is processed on another.
          aSawB.add(Boolean.toString(bProcessed.await(WAIT_SECONDS, TimeUnit.SECONDS)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        aDone.countDown();
      } else {
        bProcessed.countDown();
      }
    });

    lanes.dispatch(messages(A, 0, 1), System.nanoTime());
    lanes.dispatch(messages(B, 0, 1), System.nanoTime());

    assertThat(aDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(aSawB).containsExactly("true");
  }

  @Test
  @DisplayName("an abandoned batch drops what is queued behind it in its lane, and nothing is pending after")
  void abandonedBatch() throws InterruptedException {
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch dispatched = new CountDownLatch(1);
    List<String> processed = new CopyOnWriteArrayList<>();
    PartitionLanes lanes = lanes(1, 1, (messages, receivedAt) -> {
      processed.addAll(positions(messages));
      working.countDown();
      try {
        dispatched.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new AbandonedBatch();
    });

    lanes.dispatch(messages(A, 0, 3), System.nanoTime());
    assertThat(working.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(lanes.hasPending()).isTrue();
    dispatched.countDown();
    lanes.stopWorkers(); // waits for the worker to finish

    assertThat(processed).containsExactly("0");
    assertThat(lanes.hasPending()).isFalse();
    assertThat(parts.errors.failed()).isFalse();
  }

  @Test
  @DisplayName("a defect in a worker fails the pipeline, naming it, rather than lose the batch")
  void defect() throws InterruptedException {
    CountDownLatch working = new CountDownLatch(1);
    PartitionLanes lanes = lanes(1, 10, (messages, receivedAt) -> {
      working.countDown();
      throw new IllegalStateException("a bug");
    });

    lanes.dispatch(messages(A, 0, 2), System.nanoTime());
    assertThat(working.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    lanes.stopWorkers(); // waits for the worker to finish

    assertThat(parts.errors.failed()).isTrue();
    assertThat(parts.errors.lastError()).isEqualTo("batch processing failed: java.lang.IllegalStateException: a bug");
    assertThat(lanes.hasPending()).isFalse();
    assertThat(parts.stop.isRequested()).isTrue();
  }

  @Test
  @DisplayName("spreads the messages of an unordered partition over the workers")
  void unordered() throws InterruptedException {
    SourcePartition queue = SourcePartition.unordered("jobs");
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch bothDone = new CountDownLatch(2);
    List<String> together = new CopyOnWriteArrayList<>();
    PartitionLanes lanes = lanes(2, 10, (messages, receivedAt) -> {
      bothRunning.countDown();
      try {
        // Both polls' messages are in work at once: they went to two lanes.
        together.add(Boolean.toString(bothRunning.await(WAIT_SECONDS, TimeUnit.SECONDS)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      bothDone.countDown();
    });

    lanes.dispatch(List.of(message(queue, 0, "insert q0")), System.nanoTime());
    lanes.dispatch(List.of(message(queue, 1, "insert q1")), System.nanoTime());

    assertThat(bothDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(together).containsExactly("true", "true");
  }
}
