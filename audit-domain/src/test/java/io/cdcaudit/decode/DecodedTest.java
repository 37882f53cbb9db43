package io.cdcaudit.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Decoded")
class DecodedTest {

  @Test
  @DisplayName("a change carries its event")
  void change() {
    var event = TestEvents.insert(Row.builder().put("id", 1).build());
    assertThat(Decoded.change(event)).isEqualTo(new Decoded.Change(event));
    assertThatThrownBy(() -> Decoded.change(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("a skipped message needs a reason and a detail")
  void skipped() {
    assertThat(Decoded.skipped(Decoded.SkipReason.TOMBSTONE, "null value")).isInstanceOf(Decoded.Skipped.class);
    assertThatThrownBy(() -> Decoded.skipped(null, "d")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Decoded.skipped(Decoded.SkipReason.MARKER, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("skip reasons have lower-case wire names")
  void wireNames() {
    assertThat(Decoded.SkipReason.TOMBSTONE.wireName()).isEqualTo("tombstone");
    assertThat(Decoded.SkipReason.MARKER.wireName()).isEqualTo("marker");
  }
}
