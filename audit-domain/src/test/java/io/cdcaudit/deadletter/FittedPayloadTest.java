package io.cdcaudit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("FittedPayload")
class FittedPayloadTest {

  private static final byte[] ABC = "abc".getBytes(StandardCharsets.UTF_8);
  /** The SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
  private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("fitting bytes")
  class Bytes {

    @Test
    @DisplayName("keeps bytes that fit whole, without copying them, and says nothing was cut")
    void whole() {
      FittedPayload fitted = FittedPayload.prefix(ABC, 3);

      assertThat(fitted.bytes()).isSameAs(ABC);
      assertThat(fitted.truncated()).isFalse();
      assertThat(fitted.keptBytes()).isEqualTo(3);
      assertThat(fitted.originalBytes()).isEqualTo(3);
      assertThat(FittedPayload.whole(ABC).bytes()).isSameAs(ABC);
      assertThat(fitted).hasToString("whole, 3 bytes");
    }

    @Test
    @DisplayName("keeps the largest prefix that fits, with the size and SHA-256 of the whole original")
    void prefix() {
      FittedPayload fitted = FittedPayload.prefix(ABC, 2);

      assertThat(fitted.bytes()).containsExactly('a', 'b');
      assertThat(fitted.truncated()).isTrue();
      assertThat(fitted.keptBytes()).isEqualTo(2);
      assertThat(fitted.originalBytes()).isEqualTo(3);
      assertThat(fitted.sha256()).isEqualTo(ABC_SHA256);
      assertThat(fitted).hasToString("2 of 3 bytes kept, sha-256 " + ABC_SHA256);
    }

    @Test
    @DisplayName("keeps nothing when there is no room, and still digests the original")
    void noRoom() {
      FittedPayload fitted = FittedPayload.prefix(ABC, 0);

      assertThat(fitted.bytes()).isEmpty();
      assertThat(fitted.truncated()).isTrue();
      assertThat(fitted.sha256()).isEqualTo(ABC_SHA256);
    }

    @Test
    @DisplayName("tells a missing value from an empty one")
    void missingAndEmpty() {
      FittedPayload none = FittedPayload.prefix(null, 10);
      FittedPayload empty = FittedPayload.prefix(new byte[0], 0);

      assertThat(none.isNull()).isTrue();
      assertThat(none.bytes()).isNull();
      assertThat(none.sha256()).isNull();
      assertThat(none.truncated()).isFalse();
      assertThat(none.originalBytes()).isZero();
      assertThat(none).hasToString("none");
      assertThat(empty.isNull()).isFalse();
      assertThat(empty.truncated()).isFalse();
      assertThat(empty.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    @DisplayName("digests a large original exactly as the JDK does")
    void largeDigest() {
      byte[] large = new byte[3_000_000];
      large[2_999_999] = 1;

      FittedPayload fitted = FittedPayload.prefix(large, 1_000);

      assertThat(fitted.sha256()).isEqualTo(FittedPayload.sha256Hex(large)).isNotEqualTo(FittedPayload.sha256Hex(new byte[3_000_000]));
      assertThat(fitted.bytes()).hasSize(1_000);
    }

    @Test
    @DisplayName("refuses a negative room, naming it")
    void negativeRoom() {
      assertThatIllegalArgumentException().isThrownBy(() -> FittedPayload.prefix(ABC, -1))
          .withMessage("maxBytes must be 0 or more, got -1");
      assertThatIllegalArgumentException().isThrownBy(() -> FittedPayload.textPrefix(ABC, -2))
          .withMessage("maxBytes must be 0 or more, got -2");
    }
  }

  @Nested
  @DisplayName("fitting text")
  class Text {

    @Test
    @DisplayName("never cuts inside a UTF-8 character")
    void characterBoundary() {
      byte[] text = utf8("a\u00e9\u20ac\uD83D\uDE00"); // 1, 2, 3 and 4 bytes

      assertThat(FittedPayload.textPrefix(text, 1).bytes()).isEqualTo(utf8("a"));
      assertThat(FittedPayload.textPrefix(text, 2).bytes()).isEqualTo(utf8("a"));
      assertThat(FittedPayload.textPrefix(text, 3).bytes()).isEqualTo(utf8("a\u00e9"));
      assertThat(FittedPayload.textPrefix(text, 5).bytes()).isEqualTo(utf8("a\u00e9"));
      assertThat(FittedPayload.textPrefix(text, 6).bytes()).isEqualTo(utf8("a\u00e9\u20ac"));
      assertThat(FittedPayload.textPrefix(text, 9).bytes()).isEqualTo(utf8("a\u00e9\u20ac"));
      assertThat(FittedPayload.textPrefix(text, 10).bytes()).isSameAs(text);
      assertThat(FittedPayload.textPrefix(text, 9).originalBytes()).isEqualTo(10);
    }

    @Test
    @DisplayName("cuts bytes that are not UTF-8 at most 3 bytes short of the room")
    void notUtf8() {
      byte[] continuations = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};

      assertThat(FittedPayload.textPrefix(continuations, 5).keptBytes()).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("abbreviating")
  class Abbreviating {

    @Test
    @DisplayName("keeps text that fits")
    void fits() {
      assertThat(FittedPayload.abbreviate("r\u00e9ason", 7)).isEqualTo("r\u00e9ason");
      assertThat(FittedPayload.abbreviate("", 0)).isEmpty();
    }

    @Test
    @DisplayName("cuts text to the room in UTF-8 bytes, ellipsis included, on a character boundary")
    void cuts() {
      String cut = FittedPayload.abbreviate("\u00e9".repeat(10), 10);

      assertThat(cut).isEqualTo("\u00e9".repeat(3) + FittedPayload.ELLIPSIS);
      assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(10);
      assertThat(FittedPayload.abbreviate("ab\uD83D\uDE00cd", 7)).isEqualTo("ab" + FittedPayload.ELLIPSIS);
      assertThat(FittedPayload.abbreviate("abcdef", 2)).isEqualTo("ab");
      assertThat(FittedPayload.abbreviate("abcdef", 0)).isEmpty();
    }

    @Test
    @DisplayName("bounds a 20-million-character text to its room")
    void huge() {
      String cut = FittedPayload.abbreviate("x".repeat(20_000_001), 4_096);

      assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(4_096);
      assertThat(cut).endsWith(FittedPayload.ELLIPSIS);
    }
  }
}
