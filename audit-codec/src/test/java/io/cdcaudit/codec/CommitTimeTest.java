package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.change;
import static io.cdcaudit.codec.Messages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.event.ChangeEvent;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("commit times")
class CommitTimeTest {

  private static final String MAXWELL = "{\"database\":\"shop\",\"table\":\"t\",\"type\":\"insert\",\"ts\":%d,"
      + "\"xid\":9,\"commit\":true,\"data\":{\"id\":1}}";
  private static final String MAXWELL_DDL = "{\"type\":\"table-drop\",\"database\":\"shop\",\"table\":\"t\","
      + "\"ts\":%d,\"sql\":\"DROP TABLE t\"}";

  private static String envelope(String op, String times, String snapshot) {
    return "{\"before\":null,\"after\":{\"id\":1},\"source\":{\"version\":\"1.9\",\"connector\":\"mysql\",\"name\":\"srv\","
        + times + "\"snapshot\":\"" + snapshot + "\",\"db\":\"shop\",\"table\":\"t\",\"server_id\":1,"
        + "\"file\":\"mysql-bin.000002\",\"pos\":400,\"row\":0},\"op\":\"" + op + "\",\"ts_ms\":1700000000100}";
  }

  @Nested
  @DisplayName("are refused after ChangeEvent.LATEST_COMMIT_TIME")
  class Latest {

    @Test
    @DisplayName("in Maxwell's ts (seconds for rows, milliseconds for DDL), naming $.ts")
    void maxwell() throws DecodeException {
      assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(MAXWELL.formatted(100_000_000_000L))))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("maxwell: $.ts ").hasMessageContaining("5138");
      assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(MAXWELL_DDL.formatted(100_000_000_000_000L))))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("maxwell: $.ts ");
      assertThat(change(MaxwellDecoder.create(), MAXWELL.formatted(99_999_999_999L)).committedAt())
          .isEqualTo(Instant.ofEpochSecond(99_999_999_999L));
    }

    @Test
    @DisplayName("in Debezium's source.ts_ms and source.ts_us, naming the path")
    void debezium() {
      assertThatThrownBy(() -> DebeziumDecoder.create().decode(value(envelope("c", "\"ts_ms\":100000000000000,", "false"))))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("debezium: $.source.ts_ms ");
      assertThatThrownBy(() -> DebeziumDecoder.create().decode(value(envelope("c", "\"ts_us\":99999999999999999,", "false"))))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("debezium: $.source.ts_us ");
    }
  }

  @Nested
  @DisplayName("of 0 mean unknown")
  class Zero {

    @Test
    @DisplayName("Maxwell ts 0 is refused: Maxwell prints no other time to fall back to")
    void maxwell() {
      assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(MAXWELL.formatted(0))))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("maxwell: $.ts is 0");
      assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(MAXWELL_DDL.formatted(0))))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("maxwell: $.ts is 0");
    }

    @Test
    @DisplayName("a Debezium snapshot row with source.ts_ms 0 takes the envelope's ts_ms, the time it was read")
    void debeziumSnapshot() throws DecodeException {
      ChangeEvent event = change(DebeziumDecoder.create(), envelope("r", "\"ts_ms\":0,", "true"));

      assertThat(event.committedAt()).isEqualTo(Instant.ofEpochMilli(1700000000100L));
    }

    @Test
    @DisplayName("a streaming Debezium change with source.ts_ms 0 is refused: its commit time is unknown")
    void debeziumStreaming() {
      assertThatThrownBy(() -> DebeziumDecoder.create().decode(value(envelope("c", "\"ts_ms\":0,", "false"))))
          .isInstanceOf(DecodeException.class)
          .hasMessageStartingWith("debezium: $.source.ts_ms is 0");
    }
  }

  @Test
  @DisplayName("Debezium's source.ts_sec (0.x, and struct version v1) is read as seconds when ts_ms and ts_us are absent")
  void tsSec() throws DecodeException {
    assertThat(change(DebeziumDecoder.create(), envelope("c", "\"ts_sec\":1700000000,", "false")).committedAt())
        .isEqualTo(Instant.ofEpochSecond(1700000000L));
    assertThat(change(DebeziumDecoder.create(), envelope("r", "\"ts_sec\":0,", "true")).committedAt())
        .as("Debezium 0.x prints ts_sec 0 in snapshots").isEqualTo(Instant.ofEpochMilli(1700000000100L));
  }
}
