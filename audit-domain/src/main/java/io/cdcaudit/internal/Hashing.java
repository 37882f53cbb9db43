package io.cdcaudit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 and hex helpers. Internal: not part of the public API. */
public final class Hashing {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Hashing() {}

  public static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The first {@code bytes} bytes of {@code digest} as lower-case hex. */
  public static String hex(byte[] digest, int bytes) {
    char[] out = new char[bytes * 2];
    for (int i = 0; i < bytes; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  public static String hex(byte[] digest) {
    return hex(digest, digest.length);
  }
}
