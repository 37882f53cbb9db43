package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.at;
import static io.cdcaudit.codec.Messages.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Event ids depend only on the message and its coordinates: the producer's binlog coordinates
 * where they identify the change, else where the message sat in its source. Never on row values,
 * keys or what a decoder learned.
 */
@DisplayName("event ids")
class EventIdDesignTest {

  private static final String MYISAM_UPDATE = "{\"database\":\"shop\",\"table\":\"counters\",\"type\":\"update\","
      + "\"ts\":1700000000,\"data\":{\"name\":\"a\",\"flag\":%d},\"old\":{\"flag\":%d}}";

  private static final String POSITIONED = "{\"database\":\"shop\",\"table\":\"users\",\"type\":\"insert\","
      + "\"ts\":1700000000,\"xid\":9,\"xoffset\":0,\"position\":\"mysql-bin.000003:400\",\"server_id\":1,"
      + "\"data\":{\"id\":1,\"ssn\":\"%s\"}}";

  private static List<EventId> ids(ChangeDecoder decoder, List<SourceMessage> messages) throws DecodeException {
    List<EventId> ids = new ArrayList<>();
    for (SourceMessage message : messages) {
      ids.add(change(decoder, message).id());
    }
    return ids;
  }

  @Nested
  @DisplayName("from message coordinates")
  class FromMessage {

    @Test
    @DisplayName("tell apart four changes of one MyISAM row in one second (0, 1, 0, 1) at four offsets")
    void myisamFlipFlop() throws DecodeException {
      List<SourceMessage> messages = List.of(
          at("maxwell", 10, null, MYISAM_UPDATE.formatted(1, 0)),
          at("maxwell", 11, null, MYISAM_UPDATE.formatted(0, 1)),
          at("maxwell", 12, null, MYISAM_UPDATE.formatted(1, 0)),
          at("maxwell", 13, null, MYISAM_UPDATE.formatted(0, 1)));

      assertThat(ids(MaxwellDecoder.create(), messages)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("tell apart duplicate rows of a keyless table in a Maxwell bootstrap and a Debezium snapshot")
    void keylessDuplicates() throws DecodeException {
      String bootstrap = "{\"database\":\"shop\",\"table\":\"log\",\"type\":\"bootstrap-insert\",\"ts\":1700000000,"
          + "\"data\":{\"line\":\"same\"}}";
      String snapshot = "{\"before\":null,\"after\":{\"line\":\"same\"},\"source\":{\"version\":\"3.5.0.Final\","
          + "\"connector\":\"mariadb\",\"name\":\"srv\",\"ts_ms\":1700000000000,\"snapshot\":\"true\",\"db\":\"shop\","
          + "\"table\":\"log\",\"server_id\":0,\"file\":\"mysql-bin.000001\",\"pos\":4,\"row\":0},\"op\":\"r\","
          + "\"ts_ms\":1700000000100}";

      assertThat(ids(MaxwellDecoder.create(), List.of(at("maxwell", 1, null, bootstrap), at("maxwell", 2, null, bootstrap))))
          .doesNotHaveDuplicates();
      assertThat(ids(DebeziumDecoder.create(), List.of(at("srv.shop.log", 1, "null", snapshot),
          at("srv.shop.log", 2, "null", snapshot)))).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("tell apart snapshot rows of two connectors at one binlog position with one key")
    void twoConnectorsSnapshotting() throws DecodeException {
      String template = "{\"before\":null,\"after\":{\"id\":1,\"name\":\"%s\"},\"source\":{\"version\":\"3.5.0.Final\","
          + "\"connector\":\"mariadb\",\"name\":\"%s\",\"ts_ms\":1700000000000,\"snapshot\":\"true\",\"db\":\"shop\","
          + "\"table\":\"users\",\"server_id\":0,\"file\":\"mysql-bin.000001\",\"pos\":4,\"row\":0},\"op\":\"r\","
          + "\"ts_ms\":1700000000100}";
      DebeziumDecoder decoder = DebeziumDecoder.create();
      ChangeEvent one = change(decoder, at("east.shop.users", 0, "{\"id\":1}", template.formatted("a", "east")));
      ChangeEvent other = change(decoder, at("west.shop.users", 0, "{\"id\":1}", template.formatted("b", "west")));

      assertThat(one.primaryKey()).isEqualTo(other.primaryKey());
      assertThat(one.id()).isNotEqualTo(other.id());
    }

    @Test
    @DisplayName("are the same for a redelivered message, also by a fresh decoder that has not learned the table's key")
    void redelivery() throws DecodeException {
      MaxwellDecoder learned = MaxwellDecoder.create();
      learned.decode(Fixtures.line(Fixtures.MAXWELL, 1).message()); // table-create of storefront.customers
      SourceMessage insert = at("maxwell", 40, null, Fixtures.line(Fixtures.MAXWELL_DEFAULT, 1).value());

      ChangeEvent first = change(learned, insert);
      ChangeEvent again = change(learned, insert);
      ChangeEvent afterRestart = change(MaxwellDecoder.create(), insert);

      assertThat(first.primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
      assertThat(afterRestart.primaryKey()).isEqualTo(PrimaryKey.NONE);
      assertThat(again.id()).isEqualTo(first.id());
      assertThat(afterRestart.id()).isEqualTo(first.id());
    }

    @Test
    @DisplayName("record where the message came from on every event")
    void origin() throws DecodeException {
      SourceMessage maxwell = at("maxwell", 7, null, MYISAM_UPDATE.formatted(1, 0));
      SourceMessage debezium = Fixtures.line(Fixtures.DEBEZIUM, 12).message();

      assertThat(change(MaxwellDecoder.create(), maxwell).origin()).contains(maxwell.coordinates());
      assertThat(change(DebeziumDecoder.create(), debezium).origin()).contains(debezium.coordinates());
      assertThat(change(ChangeDecoders.auto(), maxwell).origin()).contains(maxwell.coordinates());
      assertThat(change(MaxwellDecoder.create(), Fixtures.line(Fixtures.MAXWELL, 1).message()).origin())
          .contains(Fixtures.line(Fixtures.MAXWELL, 1).message().coordinates());
    }

    @Test
    @DisplayName("depend on the stream, partition and position of the message")
    void coordinatesCount() throws DecodeException {
      String value = MYISAM_UPDATE.formatted(1, 0);
      EventId base = change(MaxwellDecoder.create(), message("t", "0", "5", value)).id();

      assertThat(change(MaxwellDecoder.create(), message("t", "0", "5", value)).id()).isEqualTo(base);
      assertThat(change(MaxwellDecoder.create(), message("u", "0", "5", value)).id()).isNotEqualTo(base);
      assertThat(change(MaxwellDecoder.create(), message("t", "1", "5", value)).id()).isNotEqualTo(base);
      assertThat(change(MaxwellDecoder.create(), message("t", "0", "6", value)).id()).isNotEqualTo(base);
    }

    private SourceMessage message(String stream, String partition, String position, String value) {
      return SourceMessage.builder(new MessageCoordinates(SourcePartition.ordered(stream, partition), position))
          .value(value.getBytes(StandardCharsets.UTF_8))
          .build();
    }
  }

  @Nested
  @DisplayName("from producer coordinates")
  class FromProducer {

    @Test
    @DisplayName("do not change when only a (protected) column's value differs")
    void noRowValues() throws DecodeException {
      MaxwellDecoder decoder = MaxwellDecoder.create();
      ChangeEvent one = change(decoder, at("maxwell", 3, null, POSITIONED.formatted("123-45-6789")));
      ChangeEvent other = change(decoder, at("maxwell", 3, null, POSITIONED.formatted("987-65-4321")));
      ChangeEvent elsewhere = change(decoder, at("maxwell", 99, null, POSITIONED.formatted("123-45-6789")));

      assertThat(other.id()).isEqualTo(one.id());
      assertThat(elsewhere.id()).as("a replay by Maxwell at another offset is the same change").isEqualTo(one.id());
    }

    @Test
    @DisplayName("of a Debezium streaming row do not change with the row's values or the message's offset")
    void debeziumStreaming() throws DecodeException {
      String update = Fixtures.line(Fixtures.DEBEZIUM, 18).value();
      ChangeEvent one = change(DebeziumDecoder.create(), at("storesrv.storefront.orders", 1, "{\"id\":2}", update));
      ChangeEvent masked = change(DebeziumDecoder.create(),
          at("storesrv.storefront.orders", 2, "{\"id\":2}", update.replace("shipped", "xxxxxxx")));

      assertThat(masked.id()).isEqualTo(one.id());
    }

    @Test
    @DisplayName("of Maxwell rows without xoffset or commit (a multi-row MyISAM statement) fall back to the message")
    void positionWithoutPlace() throws DecodeException {
      String row = "{\"database\":\"shop\",\"table\":\"t\",\"type\":\"insert\",\"ts\":1700000000,"
          + "\"position\":\"mysql-bin.000003:400\",\"server_id\":1,\"data\":{\"a\":1}}";

      assertThat(ids(MaxwellDecoder.create(), List.of(at("maxwell", 1, null, row), at("maxwell", 2, null, row))))
          .doesNotHaveDuplicates();
    }
  }
}
