package io.cdcaudit.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.tck.fixtures.ExpectedEvent;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The TCK's fixture loader, checked where it is used (the TCK has no tests of its own). */
@DisplayName("the TCK's fixtures")
class FixturesTest {

  @Test
  @DisplayName("hold every capture, with as many summaries as lines")
  void counts() {
    assertThat(Fixtures.capture(Fixtures.MAXWELL)).hasSize(28);
    assertThat(Fixtures.capture(Fixtures.MAXWELL_DEFAULT)).hasSize(23);
    assertThat(Fixtures.capture(Fixtures.DEBEZIUM)).hasSize(32);
    assertThat(Fixtures.capture(Fixtures.DEBEZIUM_SCHEMAS)).hasSize(3);
    assertThat(Fixtures.expected()).hasSize(86);
    assertThat(Fixtures.text("workload.sql")).contains("CREATE TABLE customers");
  }

  @Test
  @DisplayName("pair Debezium values with their keys and topics, and turn a null line into a message without value")
  void debeziumPairs() {
    FixtureLine tombstone = Fixtures.line(Fixtures.DEBEZIUM, 24);
    FixtureLine schemas = Fixtures.line(Fixtures.DEBEZIUM_SCHEMAS, 3);

    assertThat(tombstone.isTombstone()).isTrue();
    assertThat(tombstone.message().value()).isNull();
    assertThat(new String(tombstone.message().key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"id\":3}");
    assertThat(tombstone.message().partition().stream()).isEqualTo("storesrv.storefront.orders");
    assertThat(schemas.topic()).isEqualTo("storesrv");
    assertThat(Fixtures.line(Fixtures.DEBEZIUM_SCHEMAS, 1).topic()).isEqualTo("storesrv.storefront.customers");
  }

  @Test
  @DisplayName("read expected.jsonl with exact numbers and in key order")
  void expected() {
    ExpectedEvent promo = Fixtures.expected(Fixtures.DEBEZIUM, 29);
    ExpectedEvent ddl = Fixtures.expected(Fixtures.DEBEZIUM, 3);
    ExpectedEvent update = Fixtures.expected(Fixtures.MAXWELL, 9);

    assertThat(promo.primaryKey()).containsExactlyEntriesOf(Map.of("code", "SPRING10"));
    assertThat(update.primaryKey()).containsExactlyEntriesOf(Map.of("id", 2L));
    assertThat(update.changedColumns()).containsExactly("status", "total", "note");
    assertThat(update.transaction()).isEqualTo("453");
    assertThat(ddl.table()).isNull();
    assertThat(ddl.operationWireName()).isEqualTo("schema_change");
    assertThat(Fixtures.expected(Fixtures.MAXWELL, 23).skipReason()).isEqualTo("marker");
  }
}
