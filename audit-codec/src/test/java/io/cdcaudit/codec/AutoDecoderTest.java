package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.message;
import static io.cdcaudit.codec.Messages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.tck.fixtures.Fixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the auto-detecting decoder")
class AutoDecoderTest {

  private final AutoDecoder decoder = ChangeDecoders.auto();

  @Test
  @DisplayName("hands Maxwell events to Maxwell and Debezium records to Debezium")
  void routes() throws DecodeException {
    Decoded maxwell = decoder.decode(Fixtures.line(Fixtures.MAXWELL, 3).message());
    Decoded debezium = decoder.decode(Fixtures.line(Fixtures.DEBEZIUM, 12).message());
    Decoded wrapped = decoder.decode(Fixtures.line(Fixtures.DEBEZIUM_SCHEMAS, 3).message());

    assertThat(((Decoded.Change) maxwell).event().producer()).isEqualTo("maxwell");
    assertThat(((Decoded.Change) debezium).event().producer()).isEqualTo("debezium");
    assertThat(((Decoded.Change) wrapped).event().producer()).isEqualTo("debezium");
  }

  @Test
  @DisplayName("gives the same result as the producer's own decoder")
  void sameAsDirect() throws DecodeException {
    for (var line : Fixtures.capture(Fixtures.MAXWELL)) {
      assertThat(decoder.decode(line.message())).isEqualTo(MaxwellDecoder.create().decode(line.message()));
    }
  }

  @Test
  @DisplayName("treats a message without a value, or the JSON null, as a Debezium tombstone")
  void tombstones() throws DecodeException {
    assertThat(decoder.decode(message("srv.shop.orders", "{\"id\":1}", null)))
        .isEqualTo(Decoded.skipped(Decoded.SkipReason.TOMBSTONE, "debezium tombstone on srv.shop.orders"));
    assertThat(decoder.decode(message("srv.shop.orders", "{\"id\":1}", " null ")))
        .isEqualTo(Decoded.skipped(Decoded.SkipReason.TOMBSTONE, "debezium tombstone on srv.shop.orders"));
  }

  @Test
  @DisplayName("says so when a message fits neither producer")
  void neither() {
    assertThatThrownBy(() -> decoder.decode(value("{\"hello\":\"world\"}")))
        .isInstanceOf(DecodeException.class)
        .hasMessage("auto: the message is neither a Maxwell event (type and database) nor a Debezium record "
            + "(op, source, payload, ddl and databaseName, or status)");
    assertThatThrownBy(() -> decoder.decode(value("42")))
        .hasMessage("auto: the message must be a JSON object, got the number 42");
    assertThatThrownBy(() -> decoder.decode(value("{nope")))
        .hasMessageStartingWith("auto: the message is not JSON: ");
  }

  @Test
  @DisplayName("reports a malformed Maxwell event as Maxwell's error")
  void producerErrors() {
    assertThatThrownBy(() -> decoder.decode(value("{\"type\":\"upsert\",\"database\":\"shop\",\"table\":\"t\"}")))
        .hasMessage("maxwell: $.type 'upsert' is not a Maxwell event type");
  }
}
