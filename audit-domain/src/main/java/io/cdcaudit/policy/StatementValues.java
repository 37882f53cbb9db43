package io.cdcaudit.policy;

import io.cdcaudit.event.Value;
import io.cdcaudit.internal.SqlLiterals.Literal;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one event's row images, for {@link StatementHandling#SCRUB_VALUES}: what to put in
 * place of a statement literal that equals a protected value, and which literals equal an
 * unprotected value and may stay. A literal that is neither is unaccounted for. The lookups are
 * built on first use, so that a statement without hex literals never encodes a value's bytes.
 */
final class StatementValues {

  private final List<Value> protectedValues = new ArrayList<>();
  private final List<String> replacements = new ArrayList<>();
  private final List<Value> publicValues = new ArrayList<>();

  private Map<String, String> protectedText;
  private Map<BigDecimal, String> protectedNumbers;
  private Map<ByteBuffer, String> protectedBytes;
  private Map<String, String> publicText;
  private Map<BigDecimal, String> publicNumbers;
  private Map<ByteBuffer, String> publicBytes;

  /** A value of a protected column, and the text to put in place of a literal that equals it. */
  void addProtected(Value value, String replacement) {
    protectedValues.add(value);
    replacements.add(replacement);
  }

  /** A value of a column without a rule: the record shows it anyway. */
  void addPublic(Value value) {
    publicValues.add(value);
  }

  /**
   * The text to put in place of {@code literal}: a protected value's replacement, the literal itself
   * where it equals an unprotected value (protected values are looked at first), or {@code null}
   * when it is unaccounted for.
   */
  String replacementFor(Literal literal) {
    String text = literal.text();
    BigDecimal number = literal.number();
    byte[] bytes = literal.bytes();
    if (protectedText == null) {
      protectedText = textKeys(protectedValues, replacements);
      protectedNumbers = numberKeys(protectedValues, replacements);
      publicText = textKeys(publicValues, null);
      publicNumbers = numberKeys(publicValues, null);
    }
    String found = find(text, number, bytes, protectedText, protectedNumbers, true);
    if (found != null) {
      return found;
    }
    return find(text, number, bytes, publicText, publicNumbers, false) != null ? literal.source() : null;
  }

  private String find(String text, BigDecimal number, byte[] bytes, Map<String, String> byText,
      Map<BigDecimal, String> byNumber, boolean ofProtected) {
    String found = text == null ? null : byText.get(text);
    if (found == null && number != null) {
      found = byNumber.get(number.stripTrailingZeros());
    }
    if (found == null && bytes != null) {
      Map<ByteBuffer, String> byBytes = ofProtected ? protectedBytes() : publicBytes();
      found = byBytes.get(ByteBuffer.wrap(bytes));
    }
    return found;
  }

  private Map<ByteBuffer, String> protectedBytes() {
    if (protectedBytes == null) {
      protectedBytes = byteKeys(protectedValues, replacements);
    }
    return protectedBytes;
  }

  private Map<ByteBuffer, String> publicBytes() {
    if (publicBytes == null) {
      publicBytes = byteKeys(publicValues, null);
    }
    return publicBytes;
  }

  // The maps of public values map to a marker only: what stays is the literal as written.
  private static Map<String, String> textKeys(List<Value> values, List<String> replacements) {
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String key = text(values.get(i));
      if (key != null) {
        keys.putIfAbsent(key, replacements == null ? "" : replacements.get(i));
      }
    }
    return keys;
  }

  private static Map<BigDecimal, String> numberKeys(List<Value> values, List<String> replacements) {
    Map<BigDecimal, String> keys = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      BigDecimal key = number(values.get(i));
      if (key != null) {
        keys.putIfAbsent(key.stripTrailingZeros(), replacements == null ? "" : replacements.get(i));
      }
    }
    return keys;
  }

  private static Map<ByteBuffer, String> byteKeys(List<Value> values, List<String> replacements) {
    Map<ByteBuffer, String> keys = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      Value value = values.get(i);
      byte[] key = value instanceof Value.Bytes b ? b.value() : value.asText().getBytes(StandardCharsets.UTF_8);
      keys.putIfAbsent(ByteBuffer.wrap(key), replacements == null ? "" : replacements.get(i));
    }
    return keys;
  }

  /** The text a string literal of the value has: its text, or for bytes their UTF-8 reading where they are UTF-8. */
  private static String text(Value value) {
    if (value instanceof Value.Bytes b) {
      byte[] raw = b.value();
      String decoded = new String(raw, StandardCharsets.UTF_8);
      return Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), raw) ? decoded : null;
    }
    return value.asText();
  }

  private static BigDecimal number(Value value) {
    if (value instanceof Value.Int i) {
      return BigDecimal.valueOf(i.value());
    }
    if (value instanceof Value.BigInt i) {
      return new BigDecimal(i.value());
    }
    if (value instanceof Value.Decimal d) {
      return d.value();
    }
    if (value instanceof Value.Bool b) {
      return b.value() ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return null;
  }
}
