package io.cdcaudit.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.Row;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.TestRecords;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The document codec on its own, without a server. */
@DisplayName("The document codec")
class AuditDocumentCodecTest {

  private final AuditDocumentCodec codec = new AuditDocumentCodec();

  private AuditRecord roundTrip(AuditRecord record) {
    RawBsonDocument encoded = codec.encode(record);
    return codec.decode(encoded);
  }

  private BsonDocument after(AuditRecord record, String column) {
    return codec.encode(record).getArray(Fields.AFTER).stream().map(v -> v.asDocument())
        .filter(c -> c.getString(Fields.NAME).getValue().equals(column)).findFirst().orElseThrow();
  }

  private static AuditRecord withDecimal(String text) {
    return TestRecords.row("shop.n", 1).insert(Row.builder().put("id", 1).put("d", Value.of(new BigDecimal(text))).build()).build();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0", "0.000", "-0.50", "250.00", "1234567890123456789012345678901234", "1E+6111", "1E-6176",
      "9.999999999999999999999999999999999E+6144", "12E+3"})
  @DisplayName("a decimal that Decimal128 holds exactly is a Decimal128 and reads back with its scale")
  void decimal128WhenExact(String text) {
    AuditRecord record = withDecimal(text);

    assertThat(after(record, "d").get(Fields.VALUE).getBsonType()).isEqualTo(BsonType.DECIMAL128);
    assertThat(after(record, "d").containsKey(Fields.TAG)).isFalse();
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"12345678901234567890123456789012345", "1.0000000000000000000000000000000000", "1E+6112", "1E-6177",
      "10000000000000000000000000000000000000000"})
  @DisplayName("a decimal that Decimal128 cannot hold exactly is tagged text and reads back exactly")
  void textWhenNotExact(String text) {
    AuditRecord record = withDecimal(text);

    assertThat(after(record, "d").get(Fields.VALUE).getBsonType()).isEqualTo(BsonType.STRING);
    assertThat(after(record, "d").getString(Fields.TAG).getValue()).isEqualTo(Fields.TAG_DECIMAL);
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @Test
  @DisplayName("big integers are tagged: Decimal128 up to 34 digits, text beyond")
  void bigIntegers() {
    BigInteger maxUnsigned = new BigInteger("18446744073709551615");
    BigInteger huge = BigInteger.TEN.pow(40).negate();
    AuditRecord record = TestRecords.row("shop.n", 1)
        .insert(Row.builder().put("id", 1).put("u", Value.of(maxUnsigned)).put("h", Value.of(huge)).build()).build();

    assertThat(after(record, "u").get(Fields.VALUE).getBsonType()).isEqualTo(BsonType.DECIMAL128);
    assertThat(after(record, "u").getString(Fields.TAG).getValue()).isEqualTo(Fields.TAG_BIG_INTEGER);
    assertThat(after(record, "h").get(Fields.VALUE).getBsonType()).isEqualTo(BsonType.STRING);
    assertThat(after(record, "h").getString(Fields.TAG).getValue()).isEqualTo(Fields.TAG_BIG_INTEGER);
    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @Test
  @DisplayName("every value kind, every operation's shape and every optional part round-trip exactly")
  void everything() {
    AuditRecord record = TestRecords.row("shop.everything", 1)
        .update(TestRecords.everyKindOfValue(), TestRecords.everyKindOfValue().overlay(Row.builder().put("flag", Value.of(false)).build()))
        .at(Instant.parse("2026-03-01T08:00:00.000001Z"))
        .actor(new Actor("alice", Actor.Source.ROW_COLUMN, Map.of("request", "r-1", "$odd.key", "v")))
        .transaction("0-3-99")
        .statement("UPDATE ...")
        .connectionId(0)
        .expiresAt(Instant.parse("2099-12-31T23:59:59.999999Z"))
        .build();

    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @Test
  @DisplayName("an actor with attributes but no name (unknown source) round-trips too")
  void unknownActorWithAttributes() {
    AuditRecord record = TestRecords.row("shop.n", 1).actor(new Actor(null, Actor.Source.UNKNOWN, Map.of("request", "r-9"))).build();

    assertThat(roundTrip(record)).isEqualTo(record);
  }

  @Test
  @DisplayName("microseconds convert exactly, before the epoch too")
  void micros() {
    for (String t : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999Z", "1900-01-01T00:00:00.000001Z",
        "2026-03-01T08:00:00.123456Z", "9999-12-31T23:59:59.999999Z"}) {
      Instant instant = Instant.parse(t);
      assertThat(AuditDocumentCodec.instant(AuditDocumentCodec.micros(instant))).as(t).isEqualTo(instant);
    }
    assertThat(AuditDocumentCodec.micros(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
  }

  @Test
  @DisplayName("a time a BSON date cannot hold makes the record unstorable, not the batch")
  void timeOutOfRange() {
    AuditRecord record = TestRecords.row("shop.n", 1).expiresAt(Instant.MAX).build();

    assertThatThrownBy(() -> codec.encode(record)).isInstanceOf(UnstorableRecordException.class).hasMessageContaining(record.id().value());
  }

  @Test
  @DisplayName("a document with an unknown type tag is refused, not guessed at")
  void unknownTag() {
    BsonDocument doc = codec.encode(TestRecords.insert("shop.n", 1, Instant.parse("2026-03-01T08:00:00Z")))
        .decode(new org.bson.codecs.BsonDocumentCodec());
    doc.getArray(Fields.AFTER).get(0).asDocument().append(Fields.TAG, new org.bson.BsonString("uuid"));

    assertThatThrownBy(() -> codec.decode(doc)).isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("uuid");
  }
}
