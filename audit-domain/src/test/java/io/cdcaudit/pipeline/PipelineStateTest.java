package io.cdcaudit.pipeline;

import static io.cdcaudit.pipeline.PipelineDoubles.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.pipeline.PipelineDoubles.SharedParts;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.store.StoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PipelineState and PipelineErrors")
class PipelineStateTest {

  private final SharedParts parts = new SharedParts();

  @Nested
  @DisplayName("the state")
  class States {

    @Test
    @DisplayName("shows BACKING_OFF while running and the source or a lane is retried, since when, and tells each change once")
    void backingOff() {
      parts.state.enter(State.RUNNING);
      parts.state.laneRetrying();
      parts.state.publish();
      assertThat(parts.state.current()).isEqualTo(State.BACKING_OFF);
      assertThat(parts.state.backingOffSince()).isEqualTo(NOW);

      parts.state.sourceRetrying(true);
      parts.state.laneDoneRetrying();
      parts.state.publish();
      assertThat(parts.state.current()).isEqualTo(State.BACKING_OFF);

      parts.state.sourceRetrying(false);
      parts.state.publish();
      assertThat(parts.state.current()).isEqualTo(State.RUNNING);
      assertThat(parts.state.backingOffSince()).isNull();
      assertThat(parts.listener.heard).containsExactly("NEW -> RUNNING", "RUNNING -> BACKING_OFF", "BACKING_OFF -> RUNNING");
    }

    @Test
    @DisplayName("a pipeline that is not running never shows BACKING_OFF")
    void stoppingIsNotBackingOff() {
      parts.state.enter(State.STOPPING);
      parts.state.laneRetrying();
      assertThat(parts.state.current()).isEqualTo(State.STOPPING);
    }
  }

  @Nested
  @DisplayName("the errors")
  class Errors {

    @Test
    @DisplayName("show what fails now, and clear it once the same operation works again")
    void currentError() {
      parts.errors.note("store", new StoreException("connection refused"));
      parts.errors.resolved("source poll");
      assertThat(parts.errors.lastError()).isEqualTo("store failed: io.cdcaudit.store.StoreException: connection refused");
      assertThat(parts.errors.lastErrorAt()).isEqualTo(NOW);
      assertThat(parts.errors.isCurrent("store")).isTrue();

      parts.errors.resolved("store");
      assertThat(parts.errors.lastError()).isNull();
      assertThat(parts.errors.lastErrorAt()).isNull();
      assertThat(parts.errors.isCurrent("store")).isFalse();
    }

    @Test
    @DisplayName("the error that failed the pipeline is never overwritten nor cleared, and asks it to stop")
    void fatalErrorStays() {
      SourceException refused = SourceException.unusable("authentication failed", null);
      parts.errors.note("source poll", refused);
      parts.errors.fail(refused);
      parts.errors.note("store", new StoreException("connection refused"));
      parts.errors.fail(new IllegalStateException("later"));
      parts.errors.resolved("source poll");

      assertThat(parts.errors.failed()).isTrue();
      assertThat(parts.errors.fatal()).isSameAs(refused);
      assertThat(parts.errors.lastError()).startsWith("the source cannot be used as it is set up: ")
          .contains("authentication failed");
      assertThat(parts.stop.isRequested()).isTrue();
    }
  }
}
