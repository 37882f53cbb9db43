package io.cdcaudit.json;

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
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * cdc-audit's rules for reading JSON from outside, in one place: the decoders of {@code
 * audit-codec} read producers' messages by them and this module reads the record's form by them,
 * so that both refuse the same input for the same reason.
 *
 * <ul>
 *   <li>Numbers stay exact: a fraction becomes a {@link BigDecimal} with the scale as printed
 *       ({@code 250.00} keeps two places, trailing zeros are not stripped), and integers become
 *       int, long or BigInteger nodes by magnitude.
 *   <li>Duplicate keys and trailing content are errors: an audit trail does not guess which of two
 *       values was meant, nor read half a document.
 *   <li>{@link #problem} finds what no database value can be: a lone surrogate in a string or
 *       field name, a number beyond {@link Value#MAX_DIGITS}.
 * </ul>
 *
 * <p>Thread-safe; every method is static.
 */
public final class StrictJson {

  /** Thread-safe once configured; every tree read and generator made here comes from it. */
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

  /**
   * The factory of generators whose output these rules read back exactly; shared, so never
   * reconfigure it.
   *
   * @return the factory
   */
  public static JsonFactory factory() {
    return MAPPER.getFactory();
  }

  /**
   * Parses bytes into a tree without checking its strings and numbers ({@link #problem} does,
   * where the caller has the tree).
   *
   * @param bytes one JSON document, UTF-8
   * @return the tree
   * @throws UnreadableJsonException when the bytes are empty or not one JSON document; its
   *     {@linkplain UnreadableJsonException#describe(String) description} carries Jackson's line
   *     and column
   */
  public static JsonNode readTree(byte[] bytes) throws UnreadableJsonException {
    if (isBlank(bytes)) {
      throw new UnreadableJsonException(" is empty", null);
    }
    try {
      JsonNode tree = TREE_READER.readTree(bytes);
      if (tree == null || tree.isMissingNode()) {
        throw new UnreadableJsonException(" is empty", null);
      }
      return tree;
    } catch (JacksonException e) {
      throw new UnreadableJsonException(" is not JSON: " + problem(e), e);
    } catch (IOException e) {
      // Reading a byte array does no I/O; Jackson still declares it.
      throw new UnreadableJsonException(" could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses JSON text into a tree, not checked (see {@link #problem}).
   *
   * @param text the text
   * @return the tree, or {@code null} when the text is not one JSON document
   */
  public static JsonNode parseOrNull(String text) {
    try {
      JsonNode tree = TREE_READER.readTree(text);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Compact JSON text of a tree, numbers as held (exact).
   *
   * @param node the tree
   * @return its text
   */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      // A tree read by this mapper always serializes; anything else is a bug.
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }

  /**
   * A short description of a node for error messages: its kind and, for scalars, a prefix of its
   * text ({@code the string "abc"}, {@code an object}).
   *
   * @param node the node, or {@code null}
   * @return the description; {@code nothing} for none
   */
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
   * What makes a tree unfit for the library, as {@code "<path> <problem>"}: a string or field name
   * with a lone surrogate (no database text holds one, and it cannot be written as UTF-8), or a
   * number whose scale or digits exceed {@link Value#MAX_DIGITS} (printing or comparing {@code
   * 1e2147483000} exactly would take gigabytes). Checked once on a whole tree, so that values and
   * names are all covered.
   *
   * @param root the tree
   * @param rootPath how paths start: {@code $}, or {@code $key} for a message's key
   * @return the first problem with its path, or {@code null} when there is none
   */
  public static String problem(JsonNode root, String rootPath) {
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

  /**
   * A lone surrogate in {@code s}, described with its index.
   *
   * @param s the text
   * @return the description, or {@code null} when {@code s} is Unicode text
   */
  public static String loneSurrogate(String s) {
    return Value.loneSurrogate(s);
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
