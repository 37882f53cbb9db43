package io.cdcaudit.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines of raw bytes at {@code \n} (dropping a {@code \r} before it). Raw
 * bytes, not characters, so that the decoder sees exactly what was written and reports bad UTF-8
 * itself instead of a reader silently replacing it.
 */
final class ByteLines {

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
  private boolean ended;

  /** Lines of {@code in}, which should be buffered. */
  ByteLines(InputStream in) {
    this.in = in;
  }

  /** The next line without its terminator, or {@code null} at the end of the stream. */
  byte[] next() throws IOException {
    if (ended) {
      return null;
    }
    line.reset();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return withoutCarriageReturn();
      }
      line.write(b);
    }
    ended = true;
    // The last line needs no terminator; a terminator at the very end adds no empty line.
    return line.size() == 0 ? null : withoutCarriageReturn();
  }

  /** Whether a line holds only spaces and tabs (or nothing). */
  static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private byte[] withoutCarriageReturn() {
    byte[] bytes = line.toByteArray();
    if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
      return java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }
    return bytes;
  }
}
