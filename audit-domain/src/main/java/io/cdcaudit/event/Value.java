package io.cdcaudit.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One column value of a row image, typed the way the change-data-capture producer gave it.
 *
 * <p>Values keep their meaning: numbers with a fraction stay exact ({@link Decimal}, never a
 * {@code double}), integers beyond {@code long} (an unsigned BIGINT) stay exact ({@link BigInt}),
 * binary stays bytes, JSON columns stay JSON, and temporal values stay as the producer printed
 * them (a Maxwell {@code "2025-03-01 09:15:00"} is {@link Text}, a Debezium epoch number is
 * {@link Int}). Equality is exact: {@code 250.00} and {@code 250.0} differ, as they do in the
 * source event.
 */
public sealed interface Value
    permits Value.Null, Value.Bool, Value.Int, Value.BigInt, Value.Decimal, Value.Text, Value.Bytes, Value.Json {

  /** The SQL NULL. */
  Value NULL = Null.INSTANCE;

  /**
   * Whether this is the SQL NULL (an absent column is not a value at all; see {@link Row#get}).
   *
   * @return {@code true} for {@link #NULL} only
   */
  default boolean isNull() {
    return false;
  }

  /**
   * A plain text rendering for people and for policies that work on text (masking, truncating,
   * scrubbing statements): the number as printed, the text itself, base64 for bytes, the JSON
   * text for JSON, {@code null} for NULL.
   *
   * @return the text, or {@code null} for NULL
   */
  String asText();

  /**
   * A boolean value.
   *
   * @param value the boolean
   * @return {@link Bool}
   */
  static Value of(boolean value) {
    return value ? Bool.TRUE : Bool.FALSE;
  }

  /**
   * An integer value.
   *
   * @param value the integer
   * @return {@link Int}
   */
  static Value of(long value) {
    return new Int(value);
  }

  /**
   * An integer; it is held as {@link Int} when it fits in a {@code long}, as {@link BigInt} otherwise.
   *
   * @param value the integer
   * @return {@link Int} or {@link BigInt}
   * @throws IllegalArgumentException when it has more than {@link #MAX_DIGITS} digits
   */
  static Value of(BigInteger value) {
    Objects.requireNonNull(value, "value");
    return value.bitLength() < 64 ? new Int(value.longValue()) : new BigInt(value);
  }

  /**
   * An exact decimal, keeping its scale ({@code 250.00} stays {@code 250.00}).
   *
   * @param value the number
   * @return {@link Decimal}
   * @throws IllegalArgumentException when its precision or scale passes {@link #MAX_DIGITS}
   */
  static Value of(BigDecimal value) {
    return new Decimal(value);
  }

  /**
   * A text value; {@code null} gives {@link #NULL}.
   *
   * @param value the text, or {@code null}
   * @return {@link Text}, or {@link #NULL}
   * @throws IllegalArgumentException when the text has a lone surrogate (it is not Unicode)
   */
  static Value of(String value) {
    return value == null ? NULL : new Text(value);
  }

  /**
   * A binary value; the array is copied.
   *
   * @param value the bytes
   * @return {@link Bytes}
   */
  static Value ofBytes(byte[] value) {
    return new Bytes(value);
  }

  /**
   * A JSON document, given as its (compact) JSON text.
   *
   * @param json the JSON text (not parsed here: decoders give it as the producer printed it)
   * @return {@link Json}
   */
  static Value ofJson(String json) {
    return new Json(json);
  }

  /** The SQL NULL. */
  final class Null implements Value {
    static final Null INSTANCE = new Null();

    private Null() {}

    @Override
    public boolean isNull() {
      return true;
    }

    @Override
    public String asText() {
      return null;
    }

    @Override
    public String toString() {
      return "NULL";
    }
  }

  /**
   * A boolean (a producer's JSON {@code true}/{@code false}; MySQL TINYINT(1) arrives as {@link Int}).
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements Value {
    static final Bool TRUE = new Bool(true);
    static final Bool FALSE = new Bool(false);

    @Override
    public String asText() {
      return Boolean.toString(value);
    }

    @Override
    public String toString() {
      return asText();
    }
  }

  /**
   * An integer that fits in a {@code long}.
   *
   * @param value the integer
   */
  record Int(long value) implements Value {
    @Override
    public String asText() {
      return Long.toString(value);
    }

    @Override
    public String toString() {
      return asText();
    }
  }

  /**
   * The most decimal digits a number value may have, and the largest scale (either sign) of a
   * decimal. MySQL's DECIMAL has at most 65 digits and a scale of 30, a double an exponent of 308;
   * the bound keeps the text of any value small ({@code 1e2147483000} would take gigabytes).
   */
  int MAX_DIGITS = 10_000;

  /**
   * An integer beyond the range of {@code long}, such as a large unsigned BIGINT.
   *
   * @param value the integer, of at least 64 bits
   */
  record BigInt(BigInteger value) implements Value {
    /**
     * Rejects an integer that fits in a {@code long} (so that one number has one form) or has more
     * than {@link Value#MAX_DIGITS} digits.
     *
     * @param value the integer, of at least 64 bits
     */
    public BigInt {
      Objects.requireNonNull(value, "value");
      if (value.bitLength() < 64) {
        throw new IllegalArgumentException("use Value.of(long) for integers that fit in a long: " + value);
      }
      if (value.bitLength() > MAX_DIGITS * 3.33) {
        throw new IllegalArgumentException("an integer value has more than " + MAX_DIGITS + " digits");
      }
    }

    @Override
    public String asText() {
      return value.toString();
    }

    @Override
    public String toString() {
      return asText();
    }
  }

  /**
   * An exact decimal number, with the scale the producer printed ({@code 250.00} keeps two places).
   *
   * @param value the number
   */
  record Decimal(BigDecimal value) implements Value {
    /**
     * Rejects a number whose precision or scale passes {@link Value#MAX_DIGITS}.
     *
     * @param value the number
     */
    public Decimal {
      Objects.requireNonNull(value, "value");
      if (Math.abs((long) value.scale()) > MAX_DIGITS || value.precision() > MAX_DIGITS) {
        throw new IllegalArgumentException("a decimal value must have at most " + MAX_DIGITS
            + " digits and a scale of at most " + MAX_DIGITS + " either way, got precision " + value.precision()
            + " and scale " + value.scale());
      }
    }

    @Override
    public String asText() {
      return value.toPlainString();
    }

    @Override
    public String toString() {
      return asText();
    }
  }

  /**
   * Text, including temporal values a producer prints as text.
   *
   * @param value the text
   */
  record Text(String value) implements Value {
    /**
     * Rejects a text with a lone surrogate: no column can hold one.
     *
     * @param value the text
     */
    public Text {
      requireWellFormed(Objects.requireNonNull(value, "value"), "a text value");
    }

    @Override
    public String asText() {
      return value;
    }

    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** Binary data. The array is copied in and out; the value is immutable. */
  final class Bytes implements Value {
    private final byte[] value;

    Bytes(byte[] value) {
      this.value = Objects.requireNonNull(value, "value").clone();
    }

    /**
     * A copy of the bytes.
     *
     * @return a new array holding the bytes
     */
    public byte[] value() {
      return value.clone();
    }

    /**
     * The number of bytes, without copying them.
     *
     * @return the length
     */
    public int length() {
      return value.length;
    }

    @Override
    public String asText() {
      return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "bytes[" + value.length + "]";
    }
  }

  /**
   * A JSON column's document, held as compact JSON text.
   *
   * @param json the JSON text
   */
  record Json(String json) implements Value {
    /**
     * Rejects a text with a lone surrogate: no column can hold one.
     *
     * @param json the JSON text
     */
    public Json {
      requireWellFormed(Objects.requireNonNull(json, "json"), "a JSON value");
    }

    @Override
    public String asText() {
      return json;
    }

    @Override
    public String toString() {
      return json;
    }
  }

  /**
   * The first lone surrogate in {@code s}, described: no database column can hold one (utf8mb4 is
   * Unicode), and it cannot be written as UTF-8, so a store would keep something else than the
   * event said. Readers of outside JSON check their input with it too.
   *
   * @param s the text
   * @return {@code a lone surrogate (U+D800) at index 3}, or {@code null} when {@code s} is
   *     Unicode text
   */
  public static String loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return "a lone surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i;
        }
      }
    }
    return null;
  }

  /** Refuses a lone surrogate ({@link #loneSurrogate}). */
  private static void requireWellFormed(String s, String what) {
    String lone = loneSurrogate(s);
    if (lone != null) {
      throw new IllegalArgumentException(what + " has " + lone + ": it is not Unicode text");
    }
  }
}
