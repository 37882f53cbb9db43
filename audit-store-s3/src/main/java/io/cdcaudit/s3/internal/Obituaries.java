package io.cdcaudit.s3.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.StoreException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What no longer is where the index says: data objects a partition compaction replaced and a purge emptied, and
 * records a purge took out of an object it rewrote. Written under {@code <prefix>index/v1/gone/} before the objects go,
 * so that the index compaction drops their entries instead of keeping them forever. Readers never need them: a query
 * that finds an object or a record gone tries the id's next copy.
 */
public final class Obituaries {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private final BucketAccess bucket;
  private final Layout layout;

  /** The obituaries of {@code layout}. */
  public Obituaries(BucketAccess bucket, Layout layout) {
    this.bucket = bucket;
    this.layout = layout;
  }

  /** Where they are. */
  public String root() {
    return layout.prefix() + "index/v1/gone/";
  }

  /**
   * Records that these are gone: objects (id {@code null}) or records of them, whose index entries are in
   * {@code buckets}.
   *
   * @param gone object keys relative to the prefix, each with an id or {@code null} for the whole object
   * @param buckets the index buckets that hold entries of what is gone (see {@link #bucketsOf})
   */
  public void write(List<Gone> gone, Set<Integer> buckets) {
    if (gone.isEmpty()) {
      return;
    }
    List<byte[]> lines = new ArrayList<>(gone.size() + 1);
    lines.add(bucketsLine(buckets));
    String[] identities = new String[gone.size()];
    for (int i = 0; i < gone.size(); i++) {
      Gone g = gone.get(i);
      lines.add(g.toLine());
      identities[i] = g.object() + '\u0000' + (g.id() == null ? "" : g.id());
    }
    Arrays.sort(identities);
    bucket.putIfAbsent(root() + DataObjectName.hash("gone", identities) + DataObjectName.SUFFIX, GzipLines.write(lines),
        b -> {});
  }

  /** Every obituary there is, with the keys it was read from. */
  public Read readAll() {
    List<String> keys = new ArrayList<>();
    Set<Gone> gone = new HashSet<>();
    Set<Integer> buckets = new TreeSet<>();
    for (var object : bucket.list(root())) {
      Optional<byte[]> bytes = bucket.get(object.key());
      if (bytes.isEmpty()) {
        continue;
      }
      keys.add(object.key());
      try {
        for (byte[] line : GzipLines.read(bytes.get())) {
          JsonNode node = JSON.readTree(line);
          if (node.has("buckets")) {
            node.get("buckets").forEach(b -> buckets.add(b.intValue()));
            continue;
          }
          gone.add(new Gone(node.get("obj").textValue(), node.hasNonNull("id") ? node.get("id").textValue() : null));
        }
      } catch (IOException | RuntimeException e) {
        throw StoreException.unusable("s3://" + bucket.bucket() + "/" + object.key() + " is not a list of removed "
            + "objects this store wrote (" + e.getMessage() + ")", e);
      }
    }
    return new Read(keys, gone, buckets);
  }

  /** The index buckets of every key of these records. */
  public static Set<Integer> bucketsOf(List<AuditRecord> records) {
    Set<Integer> buckets = new TreeSet<>();
    for (AuditRecord record : records) {
      IndexEntry.keysOf(record).forEach(k -> buckets.add(Layout.bucketOf(k)));
    }
    return buckets;
  }

  private static byte[] bucketsLine(Set<Integer> buckets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("buckets");
      for (int b : buckets) {
        g.writeNumber(b);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON in memory", e);
    }
    return out.toByteArray();
  }

  /**
   * One removed object, or one removed record of an object.
   *
   * @param object the data object's key, relative to the prefix
   * @param id the record's id, or {@code null} for the whole object
   */
  public record Gone(String object, String id) {
    byte[] toLine() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(96);
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("obj", object);
        g.writeStringField("id", id);
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write JSON in memory", e);
      }
      return out.toByteArray();
    }
  }

  /**
   * Obituaries read.
   *
   * @param keys the objects they were read from, to delete once folded
   * @param gone what they say is gone
   * @param buckets the index buckets holding entries of it
   */
  public record Read(List<String> keys, Set<Gone> gone, Set<Integer> buckets) {
    /** Whether the entry points at something gone. */
    public boolean covers(IndexEntry entry) {
      return gone.contains(new Gone(entry.object(), null)) || gone.contains(new Gone(entry.object(), entry.id()));
    }
  }
}
