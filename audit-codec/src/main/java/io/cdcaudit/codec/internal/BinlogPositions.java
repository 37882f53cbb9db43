package io.cdcaudit.codec.internal;

import io.cdcaudit.decode.DecodeException;

/** Parses Maxwell's {@code "mysql-bin.000001:68898"}. Internal: not part of the public API. */
public final class BinlogPositions {

  /** A binlog file and an offset in it. */
  public record FileAndOffset(String file, long offset) {}

  private BinlogPositions() {}

  /**
   * Splits {@code text} at its last colon into file and offset.
   *
   * @throws DecodeException when there is no colon, the file is empty, or the offset is not a
   *     non-negative integer
   */
  public static FileAndOffset parse(String text, String path, JsonFields fields) throws DecodeException {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw fields.error(path, "'" + text + "' is not 'file:offset'");
    }
    String digits = text.substring(colon + 1);
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        throw fields.error(path, "'" + text + "' is not 'file:offset'");
      }
    }
    try {
      return new FileAndOffset(text.substring(0, colon), Long.parseLong(digits));
    } catch (NumberFormatException e) {
      throw fields.error(path, "'" + text + "' has an offset out of range");
    }
  }
}
