package io.cdcaudit.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The decoders turn an unexpected RuntimeException into a DecodeException, so that a bug costs one
 * dead letter instead of a batch. That safety net would also hide bugs from the contract's
 * truncation test; this test makes sure it is never what catches a truncated line.
 */
@DisplayName("a truncated line fails for a reason the decoder names, not through its safety net")
class TruncatedInputTest {

  @Test
  @DisplayName("for every prefix of every captured line and every decoder")
  void everyPrefix() {
    List<String> netted = new ArrayList<>();
    for (String producer : Fixtures.producers()) {
      List<ChangeDecoder> decoders = producer.startsWith("maxwell")
          ? List.of(MaxwellDecoder.create(), ChangeDecoders.auto())
          : List.of(DebeziumDecoder.create(), ChangeDecoders.auto());
      for (ChangeDecoder decoder : decoders) {
        for (FixtureLine line : Fixtures.capture(producer)) {
          byte[] value = line.value().getBytes(StandardCharsets.UTF_8);
          for (int length = 0; length < value.length; length++) {
            try {
              decoder.decode(line.messageWithValue(Arrays.copyOf(value, length)));
            } catch (DecodeException e) {
              boolean named = e.getCause() == null || e.getCause() instanceof JacksonException;
              if (!named || e.getMessage().contains("unexpected")) {
                netted.add(line.describe() + " cut at " + length + ": " + e.getMessage());
              }
            }
          }
        }
      }
    }
    assertThat(netted).isEmpty();
  }
}
