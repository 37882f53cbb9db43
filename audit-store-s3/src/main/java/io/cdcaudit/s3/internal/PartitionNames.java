package io.cdcaudit.s3.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Database and table names as Hive-style partition values in object keys. Every byte outside {@code [A-Za-z0-9._-]}
 * of the name's UTF-8 is written {@code %XX} (upper-case hex), so {@code /}, {@code =}, {@code %}, spaces and
 * unicode can never cut a key or be read as another partition, and decoding is exact. A value that is all dots
 * ({@code .}, {@code ..}) is written entirely in {@code %2E}, so no tool sees a relative path segment in it.
 */
public final class PartitionNames {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PartitionNames() {}

  /** The key form of {@code name}. */
  public static String encode(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    boolean allDots = !name.isEmpty() && name.chars().allMatch(c -> c == '.');
    StringBuilder out = new StringBuilder(utf8.length + 8);
    for (byte b : utf8) {
      int c = b & 0xFF;
      boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' && !allDots);
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * The name a key form stands for.
   *
   * @throws IllegalArgumentException when {@code encoded} is not what {@link #encode} writes
   */
  public static String decode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 3 > encoded.length()) {
          throw new IllegalArgumentException("not an encoded partition value: '" + encoded + "'");
        }
        bytes.write(Integer.parseInt(encoded, i + 1, i + 3, 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    String name = bytes.toString(StandardCharsets.UTF_8);
    if (!encode(name).equals(encoded)) {
      throw new IllegalArgumentException("not an encoded partition value: '" + encoded + "'");
    }
    return name;
  }
}
