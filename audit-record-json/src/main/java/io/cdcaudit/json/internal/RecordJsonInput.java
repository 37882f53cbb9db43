package io.cdcaudit.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdcaudit.json.MalformedAuditJsonException;
import io.cdcaudit.json.StrictJson;
import io.cdcaudit.json.UnreadableJsonException;

/**
 * The record's JSON form read by the library's {@link StrictJson} rules, its errors as
 * {@link MalformedAuditJsonException}s: a store's document that is not exactly what was written
 * must not become a record. Internal: not part of the public API.
 */
public final class RecordJsonInput {

  /** What error messages call the input: {@code audit record JSON: $.id is missing}. */
  public static final String WHAT = "audit record JSON";

  private RecordJsonInput() {}

  /**
   * Parses bytes into a tree without checking its strings and numbers ({@link #requireWellFormed}
   * does, where the caller has the tree).
   *
   * @throws MalformedAuditJsonException when the bytes are empty or not one JSON document
   */
  public static JsonNode readTree(byte[] bytes) {
    try {
      return StrictJson.readTree(bytes);
    } catch (UnreadableJsonException e) {
      throw new MalformedAuditJsonException(WHAT + ": " + e.describe("the input"), e.getCause());
    }
  }

  /**
   * Refuses lone surrogates and numbers out of range ({@link StrictJson#problem}): a store's
   * document must not become a record no event could have.
   *
   * @throws MalformedAuditJsonException naming the path of the first problem
   */
  public static void requireWellFormed(JsonNode root) {
    String problem = StrictJson.problem(root, "$");
    if (problem != null) {
      throw new MalformedAuditJsonException(WHAT + ": " + problem);
    }
  }
}
