package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cdcaudit.decode.DecodeException;
import java.io.IOException;

/**
 * The one shared Jackson configuration of the codec. Internal: not part of the public API.
 *
 * <p>Numbers stay exact: a fraction becomes a {@link java.math.BigDecimal} with the scale as
 * printed ({@code 250.00} keeps two places, so trailing zeros are not stripped), and integers
 * become int, long or BigInteger nodes by magnitude, which is exact without forcing every small
 * integer through a BigInteger. Duplicate keys and trailing content are errors: an audit trail
 * should not guess which of two values a producer meant.
 */
public final class Json {

  /** Thread-safe once configured; shared by every decoder and by the record codec. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Checked while the tree is built, where it costs nothing extra (the parser's own check keeps a set per object).
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private static final ObjectReader TREE_READER = MAPPER.reader();

  private static final int MAX_PROBLEM_LENGTH = 160;

  private Json() {}

  /**
   * Parses a message body into a tree.
   *
   * @param producer the prefix of error messages, such as {@code maxwell}
   * @param what what the bytes are, for error messages: {@code the message} or {@code the key}
   * @throws DecodeException when the bytes are empty or not one JSON document; the message
   *     carries Jackson's line and column
   */
  public static JsonNode parse(byte[] bytes, String producer, String what) throws DecodeException {
    if (isBlank(bytes)) {
      throw new DecodeException(producer + ": " + what + " is empty");
    }
    try {
      JsonNode tree = TREE_READER.readTree(bytes);
      if (tree == null || tree.isMissingNode()) {
        throw new DecodeException(producer + ": " + what + " is empty");
      }
      return tree;
    } catch (JacksonException e) {
      throw new DecodeException(producer + ": " + what + " is not JSON: " + problem(e), e);
    } catch (IOException e) {
      // Reading a byte array does no I/O; Jackson still declares it.
      throw new DecodeException(producer + ": " + what + " could not be read: " + e.getMessage(), e);
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
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
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
