package io.cdcaudit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retention")
class RetentionTest {

  private static final Instant DEADLINE = Instant.parse("2032-03-01T09:15:00Z");

  @Test
  @DisplayName("a legal hold has no expiry")
  void legalHoldHasNoExpiry() {
    assertThatThrownBy(() -> new Retention(DEADLINE, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("legal hold");
    assertThat(Retention.legalHoldInPlace().expiry()).isEmpty();
    assertThat(Retention.legalHoldInPlace().legalHold()).isTrue();
  }

  @Test
  @DisplayName("is expired at the exact deadline and after it, not before")
  void expiredAtDeadline() {
    Retention r = Retention.until(DEADLINE);
    assertThat(r.isExpiredAt(DEADLINE.minusNanos(1000))).isFalse();
    assertThat(r.isExpiredAt(DEADLINE)).isTrue();
    assertThat(r.isExpiredAt(DEADLINE.plusSeconds(1))).isTrue();
    assertThat(r.expiry()).contains(DEADLINE);
  }

  @Test
  @DisplayName("forever and legal hold never expire")
  void neverExpire() {
    Instant farFuture = Instant.parse("9999-12-31T00:00:00Z");
    assertThat(Retention.forever().isExpiredAt(farFuture)).isFalse();
    assertThat(Retention.forever().expiry()).isEmpty();
    assertThat(Retention.forever().legalHold()).isFalse();
    assertThat(Retention.legalHoldInPlace().isExpiredAt(farFuture)).isFalse();
  }

  @Test
  @DisplayName("truncates the deadline to microseconds")
  void truncates() {
    Retention r = Retention.until(Instant.parse("2032-03-01T09:15:00.123456789Z"));
    assertThat(r.expiresAt()).isEqualTo(Instant.parse("2032-03-01T09:15:00.123456Z"));
  }

  @Test
  @DisplayName("until() requires a deadline")
  void untilRequiresDeadline() {
    assertThatThrownBy(() -> Retention.until(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("deadline");
  }

  @Test
  @DisplayName("the constructor's forms equal the factories")
  void equality() {
    assertThat(new Retention(null, false)).isEqualTo(Retention.forever());
    assertThat(new Retention(null, true)).isEqualTo(Retention.legalHoldInPlace());
    assertThat(new Retention(DEADLINE, false)).isEqualTo(Retention.until(DEADLINE));
  }
}
