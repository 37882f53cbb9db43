package io.cdcaudit.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the decoders make survives the JSON form stores keep (audit-record-json), for every change
 * of the real captures; that module's own tests cover every kind of value and record.
 */
@DisplayName("AuditRecordJson")
class DecodedCapturesJsonTest {

  private static final Instant RECORDED = Instant.parse("2026-11-23T08:15:00.123456Z");

  private static AuditRecord roundTrip(AuditRecord record) {
    AuditRecord viaBytes = AuditRecordJson.fromBytes(AuditRecordJson.toBytes(record));
    AuditRecord viaText = AuditRecordJson.fromText(AuditRecordJson.toText(record));
    assertThat(viaText).isEqualTo(viaBytes);
    return viaBytes;
  }

  @Nested
  @DisplayName("reads back exactly what it wrote")
  class RoundTrip {

    @Test
    @DisplayName("for a record of every change in the captures")
    void everyCapturedChange() throws DecodeException {
      ChangeDecoder decoder = ChangeDecoders.auto(
          MaxwellDecoder.builder().primaryKeys(Fixtures.primaryKeyColumns()).build(), DebeziumDecoder.create());
      List<AuditRecord> records = new ArrayList<>();
      for (String producer : Fixtures.producers()) {
        for (FixtureLine line : Fixtures.capture(producer)) {
          if (decoder.decode(line.message()) instanceof Decoded.Change change) {
            records.add(AuditRecord.of(change.event(), RECORDED));
          }
        }
      }

      assertThat(records).hasSizeGreaterThan(70);
      for (AuditRecord record : records) {
        AuditRecord back = roundTrip(record);
        assertThat(back).as(record.toString()).isEqualTo(record);
        assertThat(back.event().before().columnNames()).containsExactlyElementsOf(record.event().before().columnNames());
        assertThat(back.event().after().columnNames()).containsExactlyElementsOf(record.event().after().columnNames());
      }
    }
  }
}
