package io.cdcaudit.pipeline;

import static io.cdcaudit.pipeline.PipelineDoubles.QUICK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.pipeline.PipelineDoubles.SharedParts;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RetryLoop")
class RetryLoopTest {

  private final SharedParts parts = new SharedParts();

  @BeforeEach
  void running() {
    parts.state.enter(State.RUNNING);
    parts.listener.heard.clear();
  }

  /** Fails {@code failures} times with {@code error}, then answers "done"; notes the state seen at each attempt. */
  private static Supplier<String> failing(int failures, Supplier<RuntimeException> error, List<State> statesSeen,
      PipelineState state) {
    int[] left = {failures};
    return () -> {
      statesSeen.add(state.current());
      if (left[0]-- > 0) {
        throw error.get();
      }
      return "done";
    };
  }

  @Test
  @DisplayName("retries a failure until it works, backing off meanwhile, and clears the error after")
  void retriesUntilItWorks() {
    List<State> seen = new ArrayList<>();

    String result = parts.retries(QUICK).run(RetriedOperation.STORE,
        failing(2, () -> new StoreException("connection refused"), seen, parts.state));

    assertThat(result).isEqualTo("done");
    assertThat(seen).containsExactly(State.RUNNING, State.BACKING_OFF, State.BACKING_OFF);
    assertThat(parts.state.current()).isEqualTo(State.RUNNING);
    assertThat(parts.state.retryingLanes()).isZero();
    assertThat(parts.counters.retries.sum()).isEqualTo(2);
    assertThat(parts.errors.lastError()).isNull();
    assertThat(parts.listener.heard).containsExactly("RUNNING -> BACKING_OFF", "retry store 1", "retry store 2",
        "BACKING_OFF -> RUNNING");
  }

  @Test
  @DisplayName("a failure the caller calls permanent is not retried")
  void permanent() {
    RetryLoop retries = parts.retries(QUICK);
    StoreException tooLarge = StoreException.permanent("document too large", null);

    assertThatThrownBy(() -> retries.run(RetriedOperation.STORE, () -> {
      throw tooLarge;
    }, e -> e instanceof StoreException se && se.isPermanent()))
        .isInstanceOf(RetryLoop.PermanentFailure.class).hasCause(tooLarge);
    assertThat(parts.counters.retries.sum()).isZero();
    assertThat(parts.errors.failed()).isFalse();
    assertThat(parts.errors.lastError()).contains("document too large");
  }

  @Test
  @DisplayName("gives up and fails the pipeline when retries run out")
  void retriesRunOut() {
    List<State> seen = new ArrayList<>();

    assertThatThrownBy(() -> parts.retries(QUICK.withMaxAttempts(2)).run(RetriedOperation.DEAD_LETTER_SINK,
        failing(5, () -> new IllegalStateException("sink unreachable"), seen, parts.state)))
        .isInstanceOf(AbandonedBatch.class);

    assertThat(seen).hasSize(2);
    assertThat(parts.errors.failed()).isTrue();
    assertThat(parts.errors.fatal()).hasMessage("sink unreachable");
    assertThat(parts.stop.isRequested()).isTrue();
    assertThat(parts.state.retryingLanes()).isZero();
  }

  @Test
  @DisplayName("gives up without retrying once the pipeline is stopping, and does not fail it")
  void stopping() {
    parts.stop.request();
    List<State> seen = new ArrayList<>();

    assertThatThrownBy(() -> parts.retries(QUICK).run(RetriedOperation.STORE,
        failing(1, () -> new StoreException("connection refused"), seen, parts.state)))
        .isInstanceOf(AbandonedBatch.class);

    assertThat(seen).hasSize(1);
    assertThat(parts.errors.failed()).isFalse();
  }

  @Test
  @DisplayName("a store that cannot be used fails the pipeline at once, naming why")
  void unusable() {
    List<State> seen = new ArrayList<>();

    assertThatThrownBy(() -> parts.retries(QUICK).run(RetriedOperation.STORE,
        failing(1, () -> StoreException.unusable("authentication failed", null), seen, parts.state)))
        .isInstanceOf(AbandonedBatch.class);

    assertThat(seen).hasSize(1);
    assertThat(parts.counters.retries.sum()).isZero();
    assertThat(parts.errors.lastError()).startsWith("the store cannot be used as it is set up: ")
        .contains("authentication failed");
  }

  @Test
  @DisplayName("an error another lane is still retrying stays shown when this lane's attempt works")
  void anotherLaneStillRetrying() {
    parts.errors.note(RetriedOperation.STORE.label(), new StoreException("connection refused"));
    parts.state.laneRetrying();

    parts.retries(QUICK).run(RetriedOperation.STORE, () -> "done");

    assertThat(parts.errors.lastError()).isEqualTo("store failed: io.cdcaudit.store.StoreException: connection refused");
  }
}
