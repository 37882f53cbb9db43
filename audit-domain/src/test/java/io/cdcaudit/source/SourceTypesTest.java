package io.cdcaudit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SourceTypesTest {

  private static final SourcePartition PARTITION = SourcePartition.ordered("maxwell", "3");
  private static final MessageCoordinates AT = new MessageCoordinates(PARTITION, "1234");

  @Nested
  @DisplayName("SourcePartition")
  class Partitions {

    @Test
    @DisplayName("needs a stream name")
    void needsStream() {
      assertThatThrownBy(() -> SourcePartition.ordered("", "0"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("stream");
      assertThatThrownBy(() -> SourcePartition.ordered(null, "0")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new SourcePartition("s", null, true)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("ordered and unordered partitions say so and print as stream/partition")
    void kinds() {
      assertThat(PARTITION.ordered()).isTrue();
      assertThat(PARTITION).hasToString("maxwell/3");
      SourcePartition queue = SourcePartition.unordered("audit-queue");
      assertThat(queue.ordered()).isFalse();
      assertThat(queue.partition()).isEmpty();
      assertThat(queue).hasToString("audit-queue");
    }
  }

  @Nested
  @DisplayName("MessageCoordinates")
  class Coordinates {

    @Test
    @DisplayName("print as partition@position and need both")
    void coordinates() {
      assertThat(AT).hasToString("maxwell/3@1234");
      assertThatThrownBy(() -> new MessageCoordinates(null, "1")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new MessageCoordinates(PARTITION, null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Nested
  @DisplayName("SourceMessage")
  class Messages {

    @Test
    @DisplayName("sorts its headers by name")
    void sortedHeaders() {
      Map<String, String> given = new LinkedHashMap<>();
      given.put("z", "1");
      given.put("a", "2");
      SourceMessage m = SourceMessage.builder(AT).headers(given).header("m", "3").build();
      assertThat(m.headers().keySet()).containsExactly("a", "m", "z");
      assertThatThrownBy(() -> m.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("rejects null header names and values")
    void nullHeaders() {
      assertThatThrownBy(() -> SourceMessage.builder(AT).header(null, "v")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> SourceMessage.builder(AT).header("k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("does not print its receipt")
    void toStringHidesReceipt() {
      SourceMessage m = SourceMessage.builder(AT)
          .value("{}".getBytes(StandardCharsets.UTF_8))
          .receipt("AQEBsecret-receipt-handle")
          .build();
      assertThat(m.toString()).isEqualTo("SourceMessage[maxwell/3@1234, 2 bytes]").doesNotContain("secret-receipt");
      assertThat(m.receipt()).isEqualTo("AQEBsecret-receipt-handle");
    }

    @Test
    @DisplayName("prints a tombstone as such")
    void tombstone() {
      assertThat(SourceMessage.builder(AT).build().toString()).contains("tombstone");
    }

    @Test
    @DisplayName("needs coordinates")
    void needsCoordinates() {
      assertThatThrownBy(() -> SourceMessage.builder(null).build())
          .isInstanceOf(NullPointerException.class)
          .hasMessage("coordinates");
    }

    @Test
    @DisplayName("keeps its parts and counts key and value bytes plus overhead")
    void parts() {
      Instant ts = Instant.parse("2025-03-01T09:15:00Z");
      SourceMessage m = SourceMessage.builder(AT).key(new byte[3]).value(new byte[10]).timestamp(ts).build();
      assertThat(m.sizeInBytes()).isEqualTo(3 + 10 + 64);
      assertThat(SourceMessage.builder(AT).build().sizeInBytes()).isEqualTo(64);
      assertThat(m.timestamp()).isEqualTo(ts);
      assertThat(m.partition()).isEqualTo(PARTITION);
      assertThat(m.coordinates()).isEqualTo(AT);
      assertThat(m.headers()).isEmpty();
    }
  }

  @Nested
  @DisplayName("DeadLetter")
  class DeadLetters {

    @Test
    @DisplayName("needs the message, a reason and a time")
    void validation() {
      SourceMessage m = SourceMessage.builder(AT).build();
      Instant now = Instant.now();
      assertThat(new DeadLetter(m, "undecodable", now).reason()).isEqualTo("undecodable");
      assertThatThrownBy(() -> new DeadLetter(null, "r", now)).isInstanceOf(NullPointerException.class).hasMessage("message");
      assertThatThrownBy(() -> new DeadLetter(m, null, now)).isInstanceOf(NullPointerException.class).hasMessage("reason");
      assertThatThrownBy(() -> new DeadLetter(m, "r", null)).isInstanceOf(NullPointerException.class).hasMessage("failedAt");
    }
  }
}
