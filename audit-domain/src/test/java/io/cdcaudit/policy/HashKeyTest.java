package io.cdcaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("HashKey")
class HashKeyTest {

  private static final String SECRET = "correct-horse-battery-staple";
  private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

  @Test
  @DisplayName("rejects a key shorter than 16 bytes without printing it")
  void shortKey() {
    byte[] shortKey = "fifteen-bytes!!".getBytes(StandardCharsets.UTF_8);
    assertThat(shortKey).hasSize(15);
    assertThatThrownBy(() -> HashKey.of("pii", shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15 bytes")
        .hasMessageContaining("at least 16")
        .message().doesNotContain("fifteen");
  }

  @Test
  @DisplayName("accepts a key of exactly 16 bytes")
  void sixteenBytes() {
    assertThat(HashKey.of("pii", new byte[16]).id()).isEqualTo("pii");
  }

  @ParameterizedTest(name = "rejects the id ''{0}''")
  @ValueSource(strings = {"", "has space", "ümlaut", "a/b"})
  void badIds(String id) {
    assertThatThrownBy(() -> HashKey.of(id, KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HashKey id");
  }

  @Test
  @DisplayName("rejects an id of 65 characters and accepts one of 64")
  void idLength() {
    assertThat(HashKey.of("a".repeat(64), KEY).id()).hasSize(64);
    assertThatThrownBy(() -> HashKey.of("a".repeat(65), KEY)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("rejects null id and key")
  void nulls() {
    assertThatThrownBy(() -> HashKey.of(null, KEY)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HashKey.of("pii", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  @DisplayName("toString names the id and never the key bytes")
  void toStringHidesKey() {
    String text = HashKey.of("pii-2026", KEY).toString();
    assertThat(text).contains("pii-2026")
        .doesNotContain(SECRET)
        .doesNotContain("correct")
        .doesNotContain(HexFormat.of().formatHex(KEY))
        .doesNotContain(Base64.getEncoder().encodeToString(KEY));
  }

  @Test
  @DisplayName("copies the key, so changing the given array changes nothing")
  void copiesKey() {
    byte[] key = KEY.clone();
    HashKey hk = HashKey.of("pii", key);
    byte[] before = hk.hmac(new byte[] {1});
    key[0] ^= 1;
    assertThat(hk.hmac(new byte[] {1})).isEqualTo(before);
  }

  @Test
  @DisplayName("keys are equal by id and key bytes")
  void equality() {
    assertThat(HashKey.of("pii", KEY)).isEqualTo(HashKey.of("pii", KEY.clone())).hasSameHashCodeAs(HashKey.of("pii", KEY));
    assertThat(HashKey.of("pii", KEY)).isNotEqualTo(HashKey.of("pii2", KEY));
    byte[] other = KEY.clone();
    other[0] ^= 1;
    assertThat(HashKey.of("pii", KEY)).isNotEqualTo(HashKey.of("pii", other));
  }
}
