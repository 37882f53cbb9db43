package io.cdcaudit.s3.internal;

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

/** Newline-delimited JSON in one gzip stream: how every object of the store is written. */
public final class GzipLines {

  private GzipLines() {}

  /** One gzip stream of the lines, each followed by {@code \n} (JSON text never holds a raw newline). */
  public static byte[] write(List<byte[]> lines) {
    int raw = lines.stream().mapToInt(l -> l.length + 1).sum();
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw / 4));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
      for (byte[] line : lines) {
        gzip.write(line);
        gzip.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress in memory", e);
    }
    return out.toByteArray();
  }

  /**
   * The lines of a gzip stream (every member of it, as {@code gunzip} reads concatenated files), without their
   * {@code \n}; empty lines are skipped.
   *
   * @throws IOException when the bytes are not gzip
   */
  public static List<byte[]> read(byte[] gzipped) throws IOException {
    byte[] raw;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
      raw = in.readAllBytes();
    }
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == '\n') {
        int end = i > start && raw[i - 1] == '\r' ? i - 1 : i;
        if (end > start) {
          lines.add(Arrays.copyOfRange(raw, start, end));
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
