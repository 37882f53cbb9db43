package io.cdcaudit.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The raw value or key of a dead letter, fitted into the room a dead-letter sink has for it: the
 * whole bytes when they fit, else the largest prefix that does (possibly none), together with the
 * original's size and SHA-256. A truncated letter then still says what was cut, and the digest
 * matches it to the source message (the letter's coordinates say where that is) for as long as
 * the source retains it.
 *
 * <p>Every {@link DeadLetterSink} uses this, so that a letter of any size is kept: a sink that
 * refused a large letter would refuse it again on every retry, and hold up the whole trail.
 *
 * <p>Immutable; the original bytes are not copied and must not be modified.
 */
public final class FittedPayload {

  /** What {@link #abbreviate(String, int)} appends to a text it cut. */
  public static final String ELLIPSIS = "\u2026";

  private static final int ELLIPSIS_BYTES = 3;

  private final byte[] original;
  private final int kept;
  private String sha256;

  private FittedPayload(byte[] original, int kept) {
    this.original = original;
    this.kept = kept;
  }

  /**
   * The bytes, whole: for a destination with room for any size.
   *
   * @param original the value or key, or {@code null} when the message had none
   * @return the payload keeping every byte
   */
  public static FittedPayload whole(byte[] original) {
    return new FittedPayload(original, original == null ? 0 : original.length);
  }

  /**
   * At most {@code maxBytes} of the bytes: the whole when they fit, else the first {@code maxBytes}.
   *
   * @param original the value or key, or {@code null} when the message had none
   * @param maxBytes the room the destination has for these bytes; 0 keeps none
   * @return the payload keeping the prefix that fits
   * @throws IllegalArgumentException when {@code maxBytes} is negative
   */
  public static FittedPayload prefix(byte[] original, int maxBytes) {
    requireRoom(maxBytes);
    return new FittedPayload(original, original == null ? 0 : Math.min(original.length, maxBytes));
  }

  /**
   * Like {@link #prefix(byte[], int)}, but never cuts inside a UTF-8 character, so that the prefix
   * of valid UTF-8 text is valid UTF-8 text (it may then be up to 3 bytes shorter than
   * {@code maxBytes}).
   *
   * @param original the value or key, or {@code null} when the message had none
   * @param maxBytes the room the destination has for these bytes; 0 keeps none
   * @return the payload keeping the longest prefix of whole characters that fits
   * @throws IllegalArgumentException when {@code maxBytes} is negative
   */
  public static FittedPayload textPrefix(byte[] original, int maxBytes) {
    requireRoom(maxBytes);
    if (original == null || original.length <= maxBytes) {
      return whole(original);
    }
    int end = maxBytes;
    // original[end] is the first byte left out: while it continues a character, that character
    // began inside the prefix, so leave it out whole (at most 3 bytes back, the longest sequence).
    for (int back = 0; back < 3 && end > 0 && (original[end] & 0xC0) == 0x80; back++) {
      end--;
    }
    return new FittedPayload(original, end);
  }

  private static void requireRoom(int maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be 0 or more, got " + maxBytes);
    }
  }

  /**
   * Whether there were no bytes at all (no key, or a tombstone's value), as opposed to empty ones.
   *
   * @return true when the original was {@code null}
   */
  public boolean isNull() {
    return original == null;
  }

  /**
   * The bytes kept: the original itself when whole (not copied), else a copy of the prefix;
   * {@code null} when {@link #isNull()}.
   *
   * @return the bytes to send; not to be modified
   */
  public byte[] bytes() {
    if (original == null || kept == original.length) {
      return original;
    }
    byte[] prefix = new byte[kept];
    System.arraycopy(original, 0, prefix, 0, kept);
    return prefix;
  }

  /**
   * How many bytes are kept.
   *
   * @return the length of {@link #bytes()}, 0 when {@link #isNull()}
   */
  public int keptBytes() {
    return kept;
  }

  /**
   * How many bytes the original had, for a truncated letter to say how much was cut.
   *
   * @return the original's length, 0 when {@link #isNull()}
   */
  public int originalBytes() {
    return original == null ? 0 : original.length;
  }

  /**
   * Whether some bytes were cut, so that the letter must say it is truncated.
   *
   * @return true when fewer bytes are kept than the original had
   */
  public boolean truncated() {
    return kept < originalBytes();
  }

  /**
   * The SHA-256 of the whole original (not of the kept prefix), in lowercase hex (64 characters);
   * {@code null} when {@link #isNull()}. Computed once, on first use.
   *
   * @return the digest that matches a truncated letter to its source message
   */
  public String sha256() {
    if (original == null) {
      return null;
    }
    String digest = sha256;
    if (digest == null) {
      digest = sha256Hex(original);
      sha256 = digest; // a race computes the same string twice, harmlessly
    }
    return digest;
  }

  /**
   * The SHA-256 of {@code bytes} in lowercase hex (64 characters), the form {@link #sha256()} uses.
   *
   * @param bytes the bytes to digest
   * @return the digest in lowercase hex
   */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * {@code text} cut so that its UTF-8 form has at most {@code maxBytes} bytes, ending with
   * {@value #ELLIPSIS} when cut (without it when even that does not fit); never splits a character.
   * Bounds free text in a letter's attributes or headers, such as the reason.
   *
   * @param text the text to bound
   * @param maxBytes the room for its UTF-8 form
   * @return {@code text} itself when it fits, else its longest prefix that fits with the ellipsis
   * @throws IllegalArgumentException when {@code maxBytes} is negative
   */
  public static String abbreviate(String text, int maxBytes) {
    requireRoom(maxBytes);
    if (text.length() <= maxBytes / 3 || utf8Length(text) <= maxBytes) {
      return text; // the first test spares counting: no character takes more than 3 bytes per char
    }
    boolean ellipsis = maxBytes >= ELLIPSIS_BYTES;
    int room = ellipsis ? maxBytes - ELLIPSIS_BYTES : maxBytes;
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int c = text.codePointAt(end);
      int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (Character.isSurrogate((char) c)) {
        size = 3; // an unpaired surrogate, which the encoder replaces by '?' (1 byte): count high
      }
      if (bytes + size > room) {
        break;
      }
      bytes += size;
      end += Character.charCount(c);
    }
    return text.substring(0, end) + (ellipsis ? ELLIPSIS : "");
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** For logs: {@code whole, 120 bytes}, or {@code 1000 of 2500 bytes kept, sha-256 1f3a…}. */
  @Override
  public String toString() {
    if (original == null) {
      return "none";
    }
    return truncated()
        ? kept + " of " + original.length + " bytes kept, sha-256 " + sha256()
        : "whole, " + original.length + " bytes";
  }
}
