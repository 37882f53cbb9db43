package io.cdcaudit.json.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cdcaudit.event.Value;
import io.cdcaudit.json.MalformedAuditJsonException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jackson configuration of the record's JSON form, and the check of a whole tree. Internal:
 * not part of the public API.
 *
 * <p>Numbers stay exact: a fraction becomes a {@link BigDecimal} with the scale as printed
 * ({@code 250.00} keeps two places, so trailing zeros are not stripped), and integers become int,
 * long or BigInteger nodes by magnitude. Duplicate keys and trailing content are errors: a
 * store's document that is not exactly what was written must not become a record.
 *
 * <p>The decoders of {@code audit-codec} read producers' JSON with the same configuration and the
 * same check, in a copy of their own: neither module depends on the other.
 */
public final class StrictJson {

  /** What error messages call the input: {@code audit record JSON: $.id is missing}. */
  public static final String WHAT = "audit record JSON";

  /** Thread-safe once configured; every generator and tree of this module comes from it. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Checked while the tree is built, where it costs nothing extra (the parser's own check keeps a set per object).
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private static final ObjectReader TREE_READER = MAPPER.reader();

  private static final int MAX_PROBLEM_LENGTH = 160;

  private StrictJson() {}

  /** The factory of the generators that write the record's JSON form. */
  public static JsonFactory factory() {
    return MAPPER.getFactory();
  }

  /**
   * Parses bytes into a tree without checking its strings and numbers ({@link #requireWellFormed}
   * does, where the caller has the tree).
   *
   * @throws MalformedAuditJsonException when the bytes are empty or not one JSON document; the
   *     message carries Jackson's line and column
   */
  public static JsonNode readTree(byte[] bytes) {
    if (isBlank(bytes)) {
      throw new MalformedAuditJsonException(WHAT + ": the input is empty");
    }
    try {
      JsonNode tree = TREE_READER.readTree(bytes);
      if (tree == null || tree.isMissingNode()) {
        throw new MalformedAuditJsonException(WHAT + ": the input is empty");
      }
      return tree;
    } catch (JacksonException e) {
      throw new MalformedAuditJsonException(WHAT + ": the input is not JSON: " + problem(e), e);
    } catch (IOException e) {
      // Reading a byte array does no I/O; Jackson still declares it.
      throw new MalformedAuditJsonException(WHAT + ": the input could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses lone surrogates (in any string or field name) and numbers beyond
   * {@link Value#MAX_DIGITS}: a store's document must not become a record no event could have.
   *
   * @throws MalformedAuditJsonException naming the path of the first problem
   */
  public static void requireWellFormed(JsonNode root) {
    String problem = problem(root, "$");
    if (problem != null) {
      throw new MalformedAuditJsonException(WHAT + ": " + problem);
    }
  }

  /** Parses JSON text into a tree, or returns {@code null} when it is not one JSON document. */
  public static JsonNode parseOrNull(String text) {
    try {
      JsonNode tree = TREE_READER.readTree(text);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (IOException e) {
      return null;
    }
  }

  /** Compact JSON text of a tree, numbers as held (exact). */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      // A tree read by this mapper always serializes; anything else is a bug.
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /** A short description of a node for error messages: its kind and, for scalars, a prefix of its text. */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case NULL -> "null";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case BOOLEAN -> "the boolean " + node.asText();
      case NUMBER -> "the number " + shorten(node.asText());
      case STRING -> "the string \"" + shorten(node.asText()) + '"';
      case BINARY -> "binary data";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * What makes a tree unfit for a record, as {@code "<path> <problem>"}, or {@code null}: a string
   * or field name with a lone surrogate (no database text holds one, and it cannot be written as
   * UTF-8), or a number whose scale or digits exceed {@link Value#MAX_DIGITS} (printing or
   * comparing {@code 1e2147483000} exactly would take gigabytes).
   */
  private static String problem(JsonNode root, String rootPath) {
    Problem problem = check(root);
    if (problem == null) {
      return null;
    }
    StringBuilder path = new StringBuilder(rootPath);
    for (int i = problem.segments.size() - 1; i >= 0; i--) {
      path.append(problem.segments.get(i));
    }
    return path + " " + problem.what;
  }

  /** A problem found deep in a tree; the path is collected, innermost first, only on failure. */
  private static final class Problem {
    final List<String> segments = new ArrayList<>(4);
    final String what;

    Problem(String what) {
      this.what = what;
    }
  }

  private static Problem check(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING -> {
        String lone = loneSurrogate(node.textValue());
        return lone == null ? null : new Problem("has " + lone + ": it is not Unicode text");
      }
      case NUMBER -> {
        return numberInRange(node) ? null : new Problem(describe(node) + " is out of range: a number may have at most "
            + Value.MAX_DIGITS + " digits and a scale of at most " + Value.MAX_DIGITS + " either way");
      }
      case OBJECT -> {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String lone = loneSurrogate(field.getKey());
          if (lone != null) {
            return new Problem("has a field name with " + lone + ": it is not Unicode text");
          }
          Problem inner = check(field.getValue());
          if (inner != null) {
            inner.segments.add("." + field.getKey());
            return inner;
          }
        }
        return null;
      }
      case ARRAY -> {
        for (int i = 0; i < node.size(); i++) {
          Problem inner = check(node.get(i));
          if (inner != null) {
            inner.segments.add("[" + i + "]");
            return inner;
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  /** A lone surrogate in {@code s}, described, or {@code null} when {@code s} is Unicode text. */
  private static String loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return "a lone surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ") at index " + i;
        }
      }
    }
    return null;
  }

  private static boolean numberInRange(JsonNode node) {
    if (node.isBigDecimal()) {
      // Scale first: precision() is cheap here (Jackson bounds a number's length), toPlainString() is not.
      BigDecimal value = node.decimalValue();
      return Math.abs((long) value.scale()) <= Value.MAX_DIGITS && value.precision() <= Value.MAX_DIGITS;
    }
    if (node.isBigInteger()) {
      return node.bigIntegerValue().bitLength() <= Value.MAX_DIGITS * 3.33;
    }
    return true; // int, long, and (never with USE_BIG_DECIMAL_FOR_FLOATS) double
  }

  private static String problem(JacksonException e) {
    String original = e.getOriginalMessage();
    String text = original == null ? e.getClass().getSimpleName() : original;
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline);
    }
    if (text.length() > MAX_PROBLEM_LENGTH) {
      text = text.substring(0, MAX_PROBLEM_LENGTH) + "...";
    }
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      text += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return text;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
