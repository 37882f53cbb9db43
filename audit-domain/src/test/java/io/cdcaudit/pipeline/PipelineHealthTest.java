package io.cdcaudit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@DisplayName("PipelineHealth")
class PipelineHealthTest {

  private static PipelineHealth health(PipelineHealth.State state, String error, long lag) {
    return new PipelineHealth(state, error, error == null ? null : Instant.EPOCH,
        state == PipelineHealth.State.BACKING_OFF ? Instant.EPOCH : null, lag, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  @ParameterizedTest(name = "{0} counts as up only when running or backing off")
  @EnumSource(PipelineHealth.State.class)
  void isUp(PipelineHealth.State state) {
    boolean expected = state == PipelineHealth.State.RUNNING || state == PipelineHealth.State.BACKING_OFF;
    assertThat(health(state, null, -1).isUp()).isEqualTo(expected);
  }

  @Test
  @DisplayName("a negative lag is unknown; an error is optional")
  void optionals() {
    assertThat(health(PipelineHealth.State.RUNNING, null, -1).lagIfKnown()).isEmpty();
    assertThat(health(PipelineHealth.State.RUNNING, null, 0).lagIfKnown()).hasValue(0);
    assertThat(health(PipelineHealth.State.RUNNING, null, -1).error()).isEmpty();
    assertThat(health(PipelineHealth.State.FAILED, "store down", -1).error()).contains("store down");
  }

  @ParameterizedTest(name = "{0} is healthy only when running with no error")
  @EnumSource(PipelineHealth.State.class)
  void isHealthy(PipelineHealth.State state) {
    assertThat(health(state, null, -1).isHealthy()).isEqualTo(state == PipelineHealth.State.RUNNING);
    assertThat(health(state, "source poll failed: unreachable", -1).isHealthy()).isFalse();
  }
}
