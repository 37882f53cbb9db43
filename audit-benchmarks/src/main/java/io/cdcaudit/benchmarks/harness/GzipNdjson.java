package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.json.AuditRecordJson;
import io.cdcaudit.record.AuditRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Audit records as {@code S3AuditStore} writes them into a data object: one {@code AuditRecordJson.toBytes} line
 * each, ended by {@code \n}, in one gzip stream (default level, 64 KiB buffer, as the store's own encoder), so that
 * the raw S3 write puts the same bytes the store would. Written here because the store's encoder is internal to it.
 */
final class GzipNdjson {

  private GzipNdjson() {}

  /** The gzip NDJSON of {@code records}. */
  static byte[] encode(List<AuditRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 256);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
      for (AuditRecord record : records) {
        gzip.write(AuditRecordJson.toBytes(record));
        gzip.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress in memory", e);
    }
    return out.toByteArray();
  }

  /** The non-empty lines of a gzip NDJSON object, without their {@code \n}. */
  static List<byte[]> lines(byte[] gzipped) {
    byte[] raw;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
      raw = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("not gzip", e);
    }
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == '\n') {
        if (i > start) {
          lines.add(Arrays.copyOfRange(raw, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
