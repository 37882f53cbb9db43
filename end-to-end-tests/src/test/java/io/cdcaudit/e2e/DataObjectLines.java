package io.cdcaudit.e2e;

import io.cdcaudit.json.AuditRecordJson;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What an S3 store's data objects hold, read from the bucket as a query engine would, not through the store: gzip
 * NDJSON, one audit record per line. Counts every line and the distinct event ids, so that a test sees the
 * duplicates across objects that a crash between a data write and its acknowledgement leaves (the store's own
 * reads must hide them). Each object is read once: the store writes an object's key only once (a conditional
 * write), so a key seen stays as it was read.
 */
final class DataObjectLines {

  /** The bucket's content at one listing: data objects, their lines, and the distinct event ids in those. */
  record Tally(int objects, long lines, int distinctIds) {
    /** Lines beyond one per event id: the same record in two objects. */
    long duplicates() {
      return lines - distinctIds;
    }
  }

  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final Set<String> keysRead = new HashSet<>();
  private final Set<String> ids = new HashSet<>();
  private long lines;

  DataObjectLines(S3Client client, String bucket, String prefix) {
    this.client = client;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** Lists the objects under the prefix, reads the ones not read before, and tallies all. */
  synchronized Tally tally() {
    for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
      if (keysRead.add(object.key())) {
        read(object.key());
      }
    }
    return new Tally(keysRead.size(), lines, ids.size());
  }

  private void read(String key) {
    byte[] gzipped = client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new ByteArrayInputStream(gzipped)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) {
          lines++;
          ids.add(AuditRecordJson.fromText(line).id().value());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("s3://" + bucket + "/" + key + " is not gzip NDJSON", e);
    }
  }
}
