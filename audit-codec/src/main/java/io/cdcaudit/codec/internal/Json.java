package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.json.StrictJson;
import io.cdcaudit.json.UnreadableJsonException;

/**
 * Producers' JSON read by the library's {@link StrictJson} rules (exact numbers, no duplicate
 * keys, no trailing content, no lone surrogates, numbers in range), its errors as
 * {@link DecodeException}s that name the producer and what was read. Internal: not part of the
 * public API.
 */
public final class Json {

  private Json() {}

  /**
   * Parses a message body into a tree and checks it.
   *
   * @param producer the prefix of error messages, such as {@code maxwell}
   * @param what what the bytes are, for error messages: {@code the message} or {@code the key}
   * @throws DecodeException when the bytes are empty or not one JSON document; the message
   *     carries Jackson's line and column
   */
  public static JsonNode parse(byte[] bytes, String producer, String what) throws DecodeException {
    return parse(bytes, producer, what, "$");
  }

  /**
   * Parses a message body into a tree and checks it ({@link StrictJson#problem}), naming paths
   * from {@code rootPath} ({@code $}, or {@code $key} for a record key).
   *
   * @throws DecodeException when the bytes are not one JSON document, or the document has a
   *     lone surrogate or a number out of range
   */
  public static JsonNode parse(byte[] bytes, String producer, String what, String rootPath) throws DecodeException {
    JsonNode tree = readTree(bytes, producer, what);
    String problem = StrictJson.problem(tree, rootPath);
    if (problem != null) {
      throw new DecodeException(producer + ": " + problem);
    }
    return tree;
  }

  /**
   * Parses bytes into a tree without checking its strings and numbers; the caller checks with
   * {@link StrictJson#problem} where it has the tree.
   *
   * @throws DecodeException when the bytes are empty or not one JSON document; the message
   *     carries Jackson's line and column
   */
  public static JsonNode readTree(byte[] bytes, String producer, String what) throws DecodeException {
    try {
      return StrictJson.readTree(bytes);
    } catch (UnreadableJsonException e) {
      String message = producer + ": " + e.describe(what);
      throw e.getCause() == null ? new DecodeException(message) : new DecodeException(message, e.getCause());
    }
  }
}
