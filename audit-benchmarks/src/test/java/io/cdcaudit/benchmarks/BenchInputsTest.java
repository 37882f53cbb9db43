package io.cdcaudit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Value;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.SourceMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The only test of this module, a fast smoke check (no servers, no timing): the benchmarks' inputs
 * still decode to the records they are meant to measure as the codec and the domain change. The
 * benchmarks themselves run from scripts/bench only.
 */
class BenchInputsTest {

  private final ChangeDecoder decoder = ChangeDecoders.auto();
  private final AuditRecordFactory records = BenchRecords.factory();

  @ParameterizedTest(name = "{0}, {1} columns")
  @CsvSource({"maxwell,5", "maxwell,20", "maxwell,100", "debezium,5", "debezium,20", "debezium,100"})
  @DisplayName("every JMH message decodes to a record with its columns, the policy applied")
  void jmhMessagesMakeRecords(String format, int columns) throws Exception {
    for (int n = 0; n < 10; n++) {
      SourceMessage message = format.equals("maxwell") ? RowMessages.maxwell(columns, n) : RowMessages.debezium(columns, n);
      Decoded decoded = decoder.decode(message);
      assertThat(decoded).isInstanceOf(Decoded.Change.class);
      AuditRecord record = records.toRecord(((Decoded.Change) decoded).event()).orElseThrow();
      var image = record.event().operation() == Operation.DELETE ? record.event().before() : record.event().after();
      assertThat(image.size()).isEqualTo(columns > 8 ? columns - 1 : columns); // password_hash is dropped
      assertThat(image.get("email")).isNotEqualTo(Value.of("customer" + n % 977 + "@example.com")); // hashed
      if (record.event().operation() == Operation.UPDATE) {
        assertThat(record.changes()).extracting(c -> c.column()).contains("status", "updated_by");
      }
      assertThat(record.actor().isKnown()).isTrue();
    }
  }
}
