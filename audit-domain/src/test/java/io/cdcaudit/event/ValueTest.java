package io.cdcaudit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Value")
class ValueTest {

  @Nested
  @DisplayName("bounds the cost of any value")
  class Bounds {

    @Test
    @DisplayName("refuses a decimal whose exponent would take gigabytes as plain text (1e2147483000)")
    void hugeExponent() {
      BigDecimal huge = new BigDecimal("1e2147483000");
      assertThatThrownBy(() -> Value.of(huge))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("scale");
      assertThatThrownBy(() -> Value.of(new BigDecimal("1e-20000"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("keeps every decimal a database or a double can hold")
    void ordinaryDecimals() {
      assertThat(Value.of(new BigDecimal("1.7976931348623157E+308")).asText()).hasSize(309);
      assertThat(Value.of(new BigDecimal("4.9E-324")).asText()).startsWith("0.000");
      assertThat(Value.of(new BigDecimal("9".repeat(65) + "E-30")).asText()).hasSize(66);
    }

    @Test
    @DisplayName("refuses an integer of more than 10,000 digits")
    void hugeInteger() {
      assertThatThrownBy(() -> Value.of(BigInteger.TEN.pow(20_000))).isInstanceOf(IllegalArgumentException.class);
      assertThat(Value.of(BigInteger.TEN.pow(9_000)).asText()).hasSize(9_001);
    }
  }

  @Nested
  @DisplayName("keeps text Unicode")
  class Unicode {

    @Test
    @DisplayName("refuses a lone surrogate in text or JSON, which no UTF-8 store can keep as it is")
    void loneSurrogate() {
      assertThatThrownBy(() -> Value.of("a\ud800b")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lone surrogate").hasMessageContaining("index 1");
      assertThatThrownBy(() -> Value.of("end\udc00")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Value.ofJson("\"\ud83d\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("keeps a surrogate pair (an emoji)")
    void pair() {
      assertThat(Value.of("ok \ud83d\ude00").asText()).isEqualTo("ok \ud83d\ude00");
    }
  }

  private static final BigInteger TWO_POW_63 = BigInteger.TWO.pow(63);

  @Nested
  @DisplayName("Value.of(BigInteger)")
  class OfBigInteger {

    @Test
    @DisplayName("keeps 2^63-1 (Long.MAX_VALUE) as Int")
    void longMaxIsInt() {
      Value v = Value.of(TWO_POW_63.subtract(BigInteger.ONE));
      assertThat(v).isEqualTo(new Value.Int(Long.MAX_VALUE));
    }

    @Test
    @DisplayName("holds 2^63 as BigInt")
    void twoPow63IsBigInt() {
      Value v = Value.of(TWO_POW_63);
      assertThat(v).isInstanceOf(Value.BigInt.class);
      assertThat(((Value.BigInt) v).value()).isEqualTo(TWO_POW_63);
      assertThat(v.asText()).isEqualTo("9223372036854775808");
    }

    @Test
    @DisplayName("keeps -2^63 (Long.MIN_VALUE) as Int")
    void longMinIsInt() {
      assertThat(Value.of(TWO_POW_63.negate())).isEqualTo(new Value.Int(Long.MIN_VALUE));
    }

    @Test
    @DisplayName("holds -2^63-1 as BigInt")
    void belowLongMinIsBigInt() {
      Value v = Value.of(TWO_POW_63.negate().subtract(BigInteger.ONE));
      assertThat(v).isInstanceOf(Value.BigInt.class);
      assertThat(v.asText()).isEqualTo("-9223372036854775809");
    }

    @Test
    @DisplayName("keeps an unsigned BIGINT maximum exact")
    void unsignedMax() {
      BigInteger max = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
      assertThat(Value.of(max).asText()).isEqualTo("18446744073709551615");
    }

    @Test
    @DisplayName("gives the same value as Value.of(long) for small numbers")
    void smallNumbersEqualLong() {
      assertThat(Value.of(BigInteger.valueOf(42))).isEqualTo(Value.of(42L));
    }

    @Test
    @DisplayName("rejects null")
    void rejectsNull() {
      assertThatThrownBy(() -> Value.of((BigInteger) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a BigInt cannot be made for a number that fits a long")
    void bigIntRejectsLongRange() {
      assertThatThrownBy(() -> new Value.BigInt(BigInteger.valueOf(7)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Value.of(long)");
    }
  }

  @Nested
  @DisplayName("equality")
  class Equality {

    @Test
    @DisplayName("250.00 and 250.0 differ, as they do in the source event")
    void decimalScaleMatters() {
      assertThat(Value.of(new BigDecimal("250.00"))).isNotEqualTo(Value.of(new BigDecimal("250.0")));
      assertThat(Value.of(new BigDecimal("250.00"))).isEqualTo(Value.of(new BigDecimal("250.00")));
    }

    @Test
    @DisplayName("the number 1, the decimal 1 and the text \"1\" all differ")
    void kindsDiffer() {
      assertThat(Value.of(1L)).isNotEqualTo(Value.of(new BigDecimal("1")));
      assertThat(Value.of(1L)).isNotEqualTo(Value.of("1"));
      assertThat(Value.of(true)).isNotEqualTo(Value.of(1L));
    }

    @Test
    @DisplayName("booleans are equal by value")
    void booleans() {
      assertThat(Value.of(true)).isEqualTo(Value.of(true)).isNotEqualTo(Value.of(false));
    }

    @Test
    @DisplayName("NULL equals only itself")
    void nullEqualsItself() {
      assertThat(Value.NULL).isEqualTo(Value.NULL);
      assertThat(Value.NULL).isNotEqualTo(Value.of(""));
    }
  }

  @Nested
  @DisplayName("Bytes")
  class BytesValue {

    @Test
    @DisplayName("copies the array in, so later changes to it do not change the value")
    void copiesIn() {
      byte[] raw = {1, 2, 3};
      Value v = Value.ofBytes(raw);
      raw[0] = 9;
      assertThat(((Value.Bytes) v).value()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("copies the array out, so a caller cannot change the value")
    void copiesOut() {
      Value.Bytes v = (Value.Bytes) Value.ofBytes(new byte[] {1, 2, 3});
      v.value()[0] = 9;
      assertThat(v.value()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("equals another by content, with the same hash code")
    void equalsByContent() {
      Value a = Value.ofBytes(new byte[] {1, 2, 3});
      Value b = Value.ofBytes(new byte[] {1, 2, 3});
      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
      assertThat(a).isNotEqualTo(Value.ofBytes(new byte[] {1, 2, 4}));
    }

    @Test
    @DisplayName("prints its length, not its content")
    void toStringShowsLength() {
      Value.Bytes v = (Value.Bytes) Value.ofBytes(new byte[] {1, 2, 3});
      assertThat(v.length()).isEqualTo(3);
      assertThat(v).hasToString("bytes[3]");
    }
  }

  @Nested
  @DisplayName("asText")
  class AsText {

    @Test
    @DisplayName("prints booleans as true and false")
    void bool() {
      assertThat(Value.of(true).asText()).isEqualTo("true");
      assertThat(Value.of(false).asText()).isEqualTo("false");
    }

    @Test
    @DisplayName("prints integers as numbers")
    void integer() {
      assertThat(Value.of(-42L).asText()).isEqualTo("-42");
    }

    @Test
    @DisplayName("prints decimals plainly with their scale")
    void decimal() {
      assertThat(Value.of(new BigDecimal("250.00")).asText()).isEqualTo("250.00");
      assertThat(Value.of(new BigDecimal("1E+3")).asText()).isEqualTo("1000");
    }

    @Test
    @DisplayName("prints text as itself")
    void text() {
      assertThat(Value.of("héllo 'world'").asText()).isEqualTo("héllo 'world'");
    }

    @Test
    @DisplayName("prints bytes as base64")
    void bytes() {
      assertThat(Value.ofBytes(new byte[] {1, 2, 3}).asText()).isEqualTo("AQID");
    }

    @Test
    @DisplayName("prints JSON as its text")
    void json() {
      assertThat(Value.ofJson("{\"a\":[1,2]}").asText()).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    @DisplayName("gives null for NULL")
    void sqlNull() {
      assertThat(Value.NULL.asText()).isNull();
      assertThat(Value.NULL.isNull()).isTrue();
      assertThat(Value.NULL).hasToString("NULL");
    }
  }

  @Test
  @DisplayName("Value.of(null text) is NULL, and only NULL says it is null")
  void nullText() {
    assertThat(Value.of((String) null)).isSameAs(Value.NULL);
    assertThat(Value.of("").isNull()).isFalse();
    assertThat(Value.of(0L).isNull()).isFalse();
  }

  @Test
  @DisplayName("text, decimal and JSON values reject a null content")
  void rejectNullContent() {
    assertThatThrownBy(() -> new Value.Text(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Value.of((BigDecimal) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Value.ofJson(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Value.ofBytes(null)).isInstanceOf(NullPointerException.class);
  }
}
