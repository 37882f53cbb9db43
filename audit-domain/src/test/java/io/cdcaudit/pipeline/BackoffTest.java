package io.cdcaudit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Backoff")
class BackoffTest {

  private static final Duration MS100 = Duration.ofMillis(100);
  private static final Duration S1 = Duration.ofSeconds(1);

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    @DisplayName("initial must be given and positive")
    void initial() {
      assertThatThrownBy(() -> new Backoff(null, S1, 2, 0, 0))
          .isInstanceOf(NullPointerException.class).hasMessage("Backoff.initial");
      assertThatThrownBy(() -> new Backoff(Duration.ZERO, S1, 2, 0, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.initial must be positive");
      assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), S1, 2, 0, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.initial");
    }

    @Test
    @DisplayName("max must be given and at least initial")
    void max() {
      assertThatThrownBy(() -> new Backoff(MS100, null, 2, 0, 0))
          .isInstanceOf(NullPointerException.class).hasMessage("Backoff.max");
      assertThatThrownBy(() -> new Backoff(S1, MS100, 2, 0, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.max");
      assertThat(new Backoff(MS100, MS100, 2, 0, 0).max()).isEqualTo(MS100);
    }

    @Test
    @DisplayName("multiplier must be at least 1 and a number")
    void multiplier() {
      assertThatThrownBy(() -> new Backoff(MS100, S1, 0.5, 0, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.multiplier");
      assertThatThrownBy(() -> new Backoff(MS100, S1, Double.NaN, 0, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.multiplier");
    }

    @Test
    @DisplayName("jitter must be between 0 and 1 and a number")
    void jitter() {
      assertThatThrownBy(() -> new Backoff(MS100, S1, 2, -0.1, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.jitter");
      assertThatThrownBy(() -> new Backoff(MS100, S1, 2, 1.5, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.jitter");
      assertThatThrownBy(() -> new Backoff(MS100, S1, 2, Double.NaN, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.jitter");
    }

    @Test
    @DisplayName("maxAttempts must not be negative")
    void maxAttempts() {
      assertThatThrownBy(() -> new Backoff(MS100, S1, 2, 0, -1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.maxAttempts");
      assertThatThrownBy(() -> Backoff.defaults().withMaxAttempts(-1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backoff.maxAttempts");
    }
  }

  @Nested
  @DisplayName("delays")
  class Delays {

    @Test
    @DisplayName("without jitter grow by the multiplier and cap at max")
    void growAndCap() {
      Backoff b = new Backoff(MS100, S1, 2, 0, 0);
      assertThat(b.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
      assertThat(b.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
      assertThat(b.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
      assertThat(b.delayBefore(4)).isEqualTo(Duration.ofMillis(800));
      assertThat(b.delayBefore(5)).isEqualTo(S1);
      assertThat(b.delayBefore(60)).isEqualTo(S1);
      assertThat(b.delayBefore(10_000)).isEqualTo(S1);
    }

    @Test
    @DisplayName("before a retry number below 1 is the initial delay")
    void retryZero() {
      Backoff b = new Backoff(MS100, S1, 2, 0, 0);
      assertThat(b.delayBefore(0)).isEqualTo(MS100);
    }

    @Test
    @DisplayName("with multiplier 1 stay constant")
    void constant() {
      Backoff b = new Backoff(MS100, S1, 1, 0, 0);
      assertThat(b.delayBefore(7)).isEqualTo(MS100);
    }

    @Test
    @DisplayName("with jitter stay within [delay*(1-jitter), delay]")
    void jitterBounds() {
      Backoff b = new Backoff(MS100, S1, 2, 0.5, 0);
      boolean sawBelowFull = false;
      for (int i = 0; i < 500; i++) {
        long first = b.delayBefore(1).toMillis();
        long capped = b.delayBefore(20).toMillis();
        assertThat(first).isBetween(50L, 100L);
        assertThat(capped).isBetween(500L, 1000L);
        sawBelowFull |= first < 100;
      }
      assertThat(sawBelowFull).as("jitter takes something off some delays").isTrue();
    }

    @Test
    @DisplayName("are never shorter than a millisecond, even with full jitter")
    void atLeastOneMilli() {
      Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1, 1.0, 0);
      for (int i = 0; i < 200; i++) {
        assertThat(b.delayBefore(1)).isGreaterThanOrEqualTo(Duration.ofMillis(1));
      }
    }
  }

  @Nested
  @DisplayName("attempts")
  class Attempts {

    @Test
    @DisplayName("maxAttempts 3 allows another attempt after the 1st and 2nd, not after the 3rd")
    void limited() {
      Backoff b = Backoff.defaults().withMaxAttempts(3);
      assertThat(b.allowsAnotherAfter(1)).isTrue();
      assertThat(b.allowsAnotherAfter(2)).isTrue();
      assertThat(b.allowsAnotherAfter(3)).isFalse();
      assertThat(b.allowsAnotherAfter(4)).isFalse();
    }

    @Test
    @DisplayName("maxAttempts 1 never retries")
    void single() {
      assertThat(Backoff.defaults().withMaxAttempts(1).allowsAnotherAfter(1)).isFalse();
    }

    @Test
    @DisplayName("maxAttempts 0 never gives up")
    void never() {
      Backoff b = Backoff.defaults();
      assertThat(b.maxAttempts()).isZero();
      assertThat(b.allowsAnotherAfter(1)).isTrue();
      assertThat(b.allowsAnotherAfter(Integer.MAX_VALUE)).isTrue();
    }

    @Test
    @DisplayName("withMaxAttempts keeps the other settings")
    void withMaxAttemptsKeeps() {
      Backoff b = new Backoff(MS100, S1, 3, 0.25, 0).withMaxAttempts(5);
      assertThat(b).isEqualTo(new Backoff(MS100, S1, 3, 0.25, 5));
    }

    @Test
    @DisplayName("defaults are 100 ms doubling to 30 s with 50% jitter")
    void defaults() {
      assertThat(Backoff.defaults()).isEqualTo(new Backoff(MS100, Duration.ofSeconds(30), 2.0, 0.5, 0));
    }
  }
}
