package io.cdcaudit.sqs.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What SQS accepts as text: message bodies, attribute values, FIFO group and deduplication ids. */
public final class SqsText {

  /** The longest MessageGroupId and MessageDeduplicationId SQS takes. */
  public static final int MAX_ID_LENGTH = 128;

  private SqsText() {}

  /**
   * The bytes as text when they are valid UTF-8 made only of characters SQS allows in a message
   * ({@code #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF}); {@code null} otherwise.
   */
  public static String asSqsText(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    return isSqsText(text) ? text : null;
  }

  /** Whether every character of {@code text} is one SQS allows in a message. */
  public static boolean isSqsText(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!allowed(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** {@code text} with every character SQS does not allow replaced by {@code ?}. */
  public static String sanitize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      out.appendCodePoint(allowed(c) ? c : '?');
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static boolean allowed(int c) {
    return c == 0x9 || c == 0xA || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }

  /**
   * A FIFO MessageGroupId or MessageDeduplicationId made from {@code text}: kept as it is when it
   * has 1 to 128 characters, all ASCII letters, digits or punctuation; otherwise its SHA-256 in hex.
   */
  public static String fifoId(String text) {
    if (!text.isEmpty() && text.length() <= MAX_ID_LENGTH && text.chars().allMatch(SqsText::idCharacter)) {
      return text;
    }
    return sha256Hex(text);
  }

  private static boolean idCharacter(int c) {
    return c > 0x20 && c < 0x7F; // letters, digits and punctuation: printable ASCII without the space
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text}, in lowercase hex (64 characters). */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
