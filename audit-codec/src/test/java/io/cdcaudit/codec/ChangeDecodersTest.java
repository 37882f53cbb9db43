package io.cdcaudit.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChangeDecoders")
class ChangeDecodersTest {

  @Test
  @DisplayName("makes the decoder a format name stands for")
  void forFormat() {
    assertThat(ChangeDecoders.forFormat("maxwell")).isInstanceOf(MaxwellDecoder.class);
    assertThat(ChangeDecoders.forFormat("debezium")).isInstanceOf(DebeziumDecoder.class);
    assertThat(ChangeDecoders.forFormat("auto")).isInstanceOf(AutoDecoder.class);
    assertThat(ChangeDecoders.maxwell().producer()).isEqualTo("maxwell");
    assertThat(ChangeDecoders.debezium().producer()).isEqualTo("debezium");
  }

  @Test
  @DisplayName("names the setting when a format is unknown")
  void unknownFormat() {
    assertThatThrownBy(() -> ChangeDecoders.forFormat("canal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("format: expected maxwell, debezium or auto, got 'canal'");
  }

  @Test
  @DisplayName("builds an auto decoder from configured decoders")
  void autoFromParts() {
    MaxwellDecoder maxwell = ChangeDecoders.maxwellBuilder().primaryKey("shop.orders", "id").build();
    DebeziumDecoder debezium = ChangeDecoders.debeziumBuilder().maxLearnedTables(0).build();

    AutoDecoder auto = ChangeDecoders.auto(maxwell, debezium);

    assertThat(auto.maxwell()).isSameAs(maxwell);
    assertThat(auto.debezium()).isSameAs(debezium);
  }

  @Test
  @DisplayName("validates the Debezium builder, naming the setting")
  void debeziumBuilder() {
    assertThatThrownBy(() -> DebeziumDecoder.builder().primaryKey("orders", "id"))
        .hasMessageStartingWith("DebeziumDecoder.primaryKey: expected 'database.table'");
    assertThatThrownBy(() -> DebeziumDecoder.builder().primaryKey("shop.orders", "id", "id"))
        .hasMessage("DebeziumDecoder.primaryKey: the key columns of shop.orders repeat a column: [id, id]");
  }
}
