package io.cdcaudit.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.policy.RetentionPolicy;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.TestRecords;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Partition values, object names and lifecycle periods")
class NamingTest {

  @ParameterizedTest
  @ValueSource(strings = {"orders", "a/b", "x=y", "100%", "..", ".", "a.b", "with space", "größe", "表名", "😀", "%2F",
      "table_name=t/commit_date=2020-01-01", "-_."})
  @DisplayName("a name round-trips through its partition value, which holds only [A-Za-z0-9._-%] and is never all dots")
  void partitionValues(String name) {
    String encoded = PartitionNames.encode(name);

    assertThat(encoded).matches("[A-Za-z0-9._%-]+").doesNotContain("/").doesNotContain("=");
    assertThat(encoded).isNotIn(".", "..");
    assertThat(PartitionNames.decode(encoded)).isEqualTo(name);
  }

  @Test
  @DisplayName("a partition value this store did not write is refused, not read as something else")
  void foreignPartitionValues() {
    assertThatThrownBy(() -> PartitionNames.decode("a%2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartitionNames.decode("a%2f")).isInstanceOf(IllegalArgumentException.class); // lower-case hex
    assertThatThrownBy(() -> PartitionNames.decode("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an object's name carries its time span, retention class and a hash of its ids that ignores their order")
  void objectNames() {
    Instant t = Instant.parse("2026-03-01T08:00:00Z");
    AuditRecord a = TestRecords.row("shop.orders", 1).at(t).expiresAt(t.plusSeconds(100)).build();
    AuditRecord b = TestRecords.row("shop.orders", 2).at(t.plusSeconds(5)).expiresAt(t.plusSeconds(50)).build();

    DataObjectName name = DataObjectName.of(List.of(a, b), DataObjectName.retentionClassOf(List.of(a, b)));

    assertThat(name.first()).isEqualTo(AuditRecord.timePrefix(t));
    assertThat(name.last()).isEqualTo(AuditRecord.timePrefix(t.plusSeconds(5)));
    assertThat(name.earliestExpiry()).contains(t.plusSeconds(50));
    assertThat(DataObjectName.of(List.of(b, a), name.retentionClass())).isEqualTo(name);
    assertThat(DataObjectName.parse(name.fileName())).contains(name);
    assertThat(DataObjectName.parse("part-0000.json")).isEmpty();
  }

  @Test
  @DisplayName("a table's lifecycle period is the longest its rule gives, rounded up to days; held and forever tables get none")
  void lifecyclePeriods() {
    RetentionPolicy policy = RetentionPolicy.builder().legalHold("finance.*").keep("shop.orders", Period.ofMonths(1))
        .keep("shop.events", Duration.ofHours(30)).keep("shop.*", Period.ofYears(1)).build();

    assertThat(LifecycleRules.longestPeriodInDays(policy, TableRef.of("shop", "orders"))).contains(31);
    assertThat(LifecycleRules.longestPeriodInDays(policy, TableRef.of("shop", "events"))).contains(2);
    assertThat(LifecycleRules.longestPeriodInDays(policy, TableRef.of("shop", "items"))).contains(366);
    assertThat(LifecycleRules.longestPeriodInDays(policy, TableRef.of("finance", "ledger"))).isEmpty();
    assertThat(LifecycleRules.longestPeriodInDays(policy, TableRef.of("logs", "events"))).isEmpty();
  }
}
