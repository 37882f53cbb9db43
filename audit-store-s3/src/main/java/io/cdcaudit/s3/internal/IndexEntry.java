package io.cdcaudit.s3.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.support.IndexKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Where one record is, under which keys it is found, and what a purge needs to know of it: one line of an index
 * object. A batch index line lists every key of its record ({@code "keys"}); a compacted bucket's line holds one
 * ({@code "k"}).
 *
 * @param keys the index keys (see {@link #keysOf}); one in a bucket segment
 * @param id the event id
 * @param sortKey the record's sort key
 * @param recordedAt when the record was made, which decides between two stored copies of one id
 * @param object the data object's key, relative to the store's prefix
 */
public record IndexEntry(List<String> keys, String id, String sortKey, Instant recordedAt, String object) {

  /** Of two copies of one id, the one recorded first wins; then the one in the lower object key. */
  public static final Comparator<IndexEntry> FIRST_WINS = Comparator.comparing(IndexEntry::recordedAt)
      .thenComparing(IndexEntry::object);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  /**
   * Copies the keys.
   */
  public IndexEntry {
    keys = List.copyOf(keys);
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sortKey, "sortKey");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(object, "object");
  }

  /** The entry of {@code record}, stored in {@code object}. */
  public static IndexEntry of(AuditRecord record, String object) {
    return new IndexEntry(keysOf(record), record.id().value(), record.sortKey(), record.recordedAt(), object);
  }

  /** The key under which a record is found by its id. */
  public static String idKey(String id) {
    return "ID\u0000" + id;
  }

  /**
   * The keys a record is found under: its id, and every {@link IndexKey} but the table's (a table is read through
   * its partitions, never through the index).
   */
  public static List<String> keysOf(AuditRecord record) {
    List<String> keys = new ArrayList<>(5);
    keys.add(idKey(record.id().value()));
    for (IndexKey key : IndexKey.allOf(record)) {
      if (key.kind() != AuditQuery.Kind.BY_TABLE) {
        keys.add(key.joined());
      }
    }
    return keys;
  }

  /** The same entry under one key only, for a bucket segment. */
  public IndexEntry under(String key) {
    return new IndexEntry(List.of(key), id, sortKey, recordedAt, object);
  }

  /** The line of this entry. */
  public byte[] toLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      if (keys.size() == 1) {
        g.writeStringField("k", keys.get(0));
      } else {
        g.writeArrayFieldStart("keys");
        for (String key : keys) {
          g.writeString(key);
        }
        g.writeEndArray();
      }
      g.writeStringField("id", id);
      g.writeStringField("sk", sortKey);
      g.writeStringField("rec", recordedAt.toString());
      g.writeStringField("obj", object);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON in memory", e);
    }
    return out.toByteArray();
  }

  /**
   * The entry a line holds.
   *
   * @throws IllegalArgumentException when the line is not an index entry
   */
  public static IndexEntry fromLine(byte[] line) {
    try {
      JsonNode node = JSON.readTree(line);
      List<String> keys = new ArrayList<>();
      if (node.hasNonNull("k")) {
        keys.add(node.get("k").textValue());
      } else {
        node.path("keys").forEach(k -> keys.add(k.textValue()));
      }
      return new IndexEntry(keys, text(node, "id"), text(node, "sk"), Instant.parse(text(node, "rec")),
          text(node, "obj"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an index entry: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return value.textValue();
  }
}
