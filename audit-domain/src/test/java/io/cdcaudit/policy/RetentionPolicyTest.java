package io.cdcaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.Retention;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RetentionPolicy")
class RetentionPolicyTest {

  private static ChangeEvent event(String table, Instant committedAt) {
    return ChangeEvent.builder()
        .id(EventId.of("e"))
        .producer("maxwell")
        .table(TableRef.parse(table))
        .operation(Operation.INSERT)
        .committedAt(committedAt)
        .after(Row.builder().put("id", 1).build())
        .build();
  }

  private static final Instant COMMIT = Instant.parse("2021-03-01T10:00:00Z");

  @Nested
  @DisplayName("deadlines")
  class Deadlines {

    @Test
    @DisplayName("a period in years counts from the commit time")
    void years() {
      RetentionPolicy p = RetentionPolicy.builder().keep("shop.*", Period.ofYears(7)).build();
      assertThat(p.retentionOf(event("shop.orders", COMMIT)))
          .isEqualTo(Retention.until(Instant.parse("2028-03-01T10:00:00Z")));
    }

    @Test
    @DisplayName("a leap day plus one year is the 28th of February")
    void leapDay() {
      RetentionPolicy p = RetentionPolicy.builder().keep("shop.*", Period.ofYears(1)).build();
      assertThat(p.retentionOf(event("shop.orders", Instant.parse("2028-02-29T12:00:00Z"))).expiresAt())
          .isEqualTo(Instant.parse("2029-02-28T12:00:00Z"));
    }

    @Test
    @DisplayName("months are counted in UTC, not in a local zone")
    void monthsInUtc() {
      RetentionPolicy p = RetentionPolicy.builder().keep("shop.*", Period.ofMonths(1)).build();
      assertThat(p.retentionOf(event("shop.orders", Instant.parse("2024-01-31T23:30:00Z"))).expiresAt())
          .isEqualTo(Instant.parse("2024-02-29T23:30:00Z"));
    }

    @Test
    @DisplayName("a Duration rule adds exactly that duration")
    void duration() {
      RetentionPolicy p = RetentionPolicy.builder().keep("shop.sessions", Duration.ofDays(90)).build();
      assertThat(p.retentionOf(event("shop.sessions", COMMIT)).expiresAt())
          .isEqualTo(COMMIT.plus(Duration.ofDays(90)));
    }

    @Test
    @DisplayName("a legal hold rule holds the record with no expiry")
    void legalHold() {
      RetentionPolicy p = RetentionPolicy.builder().legalHold("shop.orders").build();
      Retention r = p.retentionOf(event("shop.orders", COMMIT));
      assertThat(r.legalHold()).isTrue();
      assertThat(r.expiry()).isEmpty();
    }

    @Test
    @DisplayName("legal hold wins whatever the order of the rules")
    void holdWinsInAnyOrder() {
      RetentionPolicy holdFirst = RetentionPolicy.builder()
          .legalHold("shop.orders").keep("shop.*", Period.ofYears(1)).build();
      RetentionPolicy keepFirst = RetentionPolicy.builder()
          .keep("*.*", Period.ofYears(7)).legalHold("shop.orders").build();
      assertThat(holdFirst.retentionOf(event("shop.orders", COMMIT))).isEqualTo(Retention.legalHoldInPlace());
      assertThat(keepFirst.retentionOf(event("shop.orders", COMMIT))).isEqualTo(Retention.legalHoldInPlace());
      assertThat(holdFirst.retentionOf(event("shop.users", COMMIT)).expiresAt())
          .isEqualTo(Instant.parse("2022-03-01T10:00:00Z"));
      assertThat(keepFirst.retentionOf(event("shop.users", COMMIT)).legalHold()).isFalse();
    }

    @Test
    @DisplayName("among keep rules the first that matches decides")
    void firstKeepWins() {
      RetentionPolicy p = RetentionPolicy.builder()
          .keep("shop.sessions", Duration.ofDays(1)).keep("shop.*", Period.ofYears(1)).build();
      assertThat(p.retentionOf(event("shop.sessions", COMMIT)).expiresAt()).isEqualTo(COMMIT.plus(Duration.ofDays(1)));
      assertThat(p.retentionOf(event("shop.users", COMMIT)).expiresAt()).isEqualTo(Instant.parse("2022-03-01T10:00:00Z"));
    }

    @Test
    @DisplayName("refuses a keep rule that an earlier one covers: it could never apply")
    void refusesShadowedKeep() {
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("*.*", Period.ofYears(7)).keep("shop.sessions", Duration.ofDays(90)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("RetentionPolicy.keep 'shop.sessions' can never apply: the earlier rule 'keep *.* for P7Y'");
    }

    @Test
    @DisplayName("refuses patterns that are no table pattern")
    void refusesShapes() {
      assertThatThrownBy(() -> RetentionPolicy.builder().legalHold("finance"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("RetentionPolicy.legalHold: 'finance' has 1 part");
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("*", Period.ofYears(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("RetentionPolicy.keep: '*' has 1 part");
    }

    @Test
    @DisplayName("lists the rules that matched no table yet")
    void idleRules() {
      RetentionPolicy p = RetentionPolicy.builder()
          .legalHold("finanse.*").keep("shop.*", Period.ofYears(1)).keep("hr.*", Period.ofYears(2)).build();
      assertThat(p.idleRules()).containsExactly("RetentionPolicy.legalHold finanse.*", "RetentionPolicy.keep shop.*",
          "RetentionPolicy.keep hr.*");
      p.retentionOf(event("shop.orders", COMMIT));
      assertThat(p.idleRules()).containsExactly("RetentionPolicy.legalHold finanse.*", "RetentionPolicy.keep hr.*");
    }

    @Test
    @DisplayName("retentionAt plans for a table and a commit time as retentionOf does, without counting as a use")
    void retentionAtPlans() {
      RetentionPolicy p = RetentionPolicy.builder()
          .legalHold("finance.*").keep("shop.*", Period.ofMonths(1)).otherwise(Period.ofYears(2)).build();
      assertThat(p.retentionAt(io.cdcaudit.event.TableRef.of("shop", "orders"), COMMIT))
          .isEqualTo(p.retentionOf(event("shop.orders", COMMIT)));
      RetentionPolicy fresh = RetentionPolicy.builder()
          .legalHold("finance.*").keep("shop.*", Period.ofMonths(1)).otherwise(Period.ofYears(2)).build();
      assertThat(fresh.retentionAt(io.cdcaudit.event.TableRef.of("finance", "ledger"), COMMIT)).isEqualTo(Retention.legalHoldInPlace());
      assertThat(fresh.retentionAt(io.cdcaudit.event.TableRef.of("shop", "orders"), COMMIT).expiresAt())
          .isEqualTo(COMMIT.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant());
      assertThat(fresh.retentionAt(io.cdcaudit.event.TableRef.of("logs", "x"), COMMIT).expiresAt())
          .isEqualTo(COMMIT.atZone(java.time.ZoneOffset.UTC).plusYears(2).toInstant());
      assertThat(fresh.idleRules()).containsExactly("RetentionPolicy.legalHold finance.*", "RetentionPolicy.keep shop.*");
    }

    @Test
    @DisplayName("tables no rule matches keep forever by default")
    void defaultForever() {
      RetentionPolicy p = RetentionPolicy.builder().keep("shop.*", Period.ofYears(1)).build();
      assertThat(p.retentionOf(event("billing.invoices", COMMIT))).isEqualTo(Retention.forever());
      assertThat(RetentionPolicy.keepForever().retentionOf(event("shop.orders", COMMIT))).isEqualTo(Retention.forever());
    }

    @Test
    @DisplayName("tables no rule matches take the otherwise() period")
    void otherwise() {
      RetentionPolicy p = RetentionPolicy.builder().keep("shop.*", Period.ofYears(1)).otherwise(Period.ofYears(10)).build();
      assertThat(p.retentionOf(event("billing.invoices", COMMIT)).expiresAt())
          .isEqualTo(Instant.parse("2031-03-01T10:00:00Z"));
    }
  }

  @Nested
  @DisplayName("validation")
  class Validation {

    @Test
    @DisplayName("rejects a zero or negative period, naming keep")
    void badPeriod() {
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("shop.*", Period.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RetentionPolicy.keep period must be positive");
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("shop.*", Period.ofDays(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RetentionPolicy.keep");
    }

    @Test
    @DisplayName("rejects a zero or negative duration, naming keep")
    void badDuration() {
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("shop.*", Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RetentionPolicy.keep duration must be positive");
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("shop.*", Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("rejects a bad otherwise() period, naming otherwise")
    void badOtherwise() {
      assertThatThrownBy(() -> RetentionPolicy.builder().otherwise(Period.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RetentionPolicy.otherwise");
      assertThatThrownBy(() -> RetentionPolicy.builder().otherwise(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RetentionPolicy.otherwise");
    }

    @Test
    @DisplayName("rejects null periods and durations, naming keep")
    void nulls() {
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("shop.*", (Period) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RetentionPolicy.keep");
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("shop.*", (Duration) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RetentionPolicy.keep");
    }

    @Test
    @DisplayName("rejects blank patterns, naming the rule")
    void blankPatterns() {
      assertThatThrownBy(() -> RetentionPolicy.builder().keep("", Period.ofYears(1)))
          .hasMessageContaining("RetentionPolicy.keep");
      assertThatThrownBy(() -> RetentionPolicy.builder().legalHold("shop. orders"))
          .hasMessageContaining("RetentionPolicy.legalHold");
    }
  }
}
