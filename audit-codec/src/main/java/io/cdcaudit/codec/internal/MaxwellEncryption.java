package io.cdcaudit.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts Maxwell's {@code encrypt=data} and {@code encrypt=all} output. Internal: not part of
 * the public API.
 *
 * <p>The format, as Maxwell documents it: an object {@code "encrypted":{"iv":..,"bytes":..}}, both
 * base64; {@code bytes} is the JSON text (UTF-8) encrypted with AES/CBC/PKCS5Padding under the key
 * whose UTF-8 bytes are Maxwell's {@code secret_key}, with {@code iv}, 16 random bytes per
 * message. With {@code encrypt=data} the plaintext is {@code {"data":..,"old":..}} and the rest of
 * the event stays in the clear; with {@code encrypt=all} it is the whole event and the message is
 * only {@code {"encrypted":..}}.
 *
 * <p>Thread-safe: a {@link Cipher} is made per message (they are not thread-safe).
 */
public final class MaxwellEncryption {

  private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
  private static final int IV_BYTES = 16;

  private final SecretKeySpec key;
  private final String setting;

  private MaxwellEncryption(SecretKeySpec key, String setting) {
    this.key = key;
    this.setting = setting;
  }

  /**
   * The decryption of a key as Maxwell's {@code secret_key} setting holds it.
   *
   * @param setting the builder setting's name, for error messages
   * @throws IllegalArgumentException naming the setting (never the key) when the key's UTF-8 form
   *     is not 16, 24 or 32 bytes, the sizes of an AES key
   */
  public static MaxwellEncryption withKey(String secretKey, String setting) {
    byte[] bytes = secretKey.getBytes(StandardCharsets.UTF_8);
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new IllegalArgumentException(setting + " must be 16, 24 or 32 bytes in UTF-8 (an AES key, Maxwell's "
          + "secret_key), got " + bytes.length + " bytes");
    }
    return new MaxwellEncryption(new SecretKeySpec(bytes, "AES"), setting);
  }

  /** Whether a message is only {@code encrypted}: Maxwell's {@code encrypt=all}. */
  public static boolean isEncryptedWhole(JsonNode root) {
    return root.size() == 1 && root.has("encrypted");
  }

  /**
   * The event in the clear: with {@code encrypt=all} the decrypted event, with {@code encrypt=data}
   * the message with the decrypted {@code data} and {@code old} in place of {@code encrypted}.
   *
   * @param encrypted the message's {@code encrypted} object, at {@code path}
   * @param names the decoder's naming strategy, under which {@code data} and {@code old} are named
   * @throws DecodeException naming the path when the object does not decrypt, or decrypts to
   *     something other than the event (or the {@code data} and {@code old}) the mode holds
   */
  public JsonNode decryptEvent(JsonNode root, JsonNode encrypted, String path, MaxwellNames names, JsonFields fields)
      throws DecodeException {
    byte[] plaintext = decrypt(encrypted, path, fields);
    JsonNode inner = Json.readTree(plaintext, fields.producer(), "the decrypted " + path);
    if (!inner.isObject()) {
      throw fields.error(path, "decrypts to " + StrictJson.describe(inner) + ", not to a JSON object");
    }
    fields.requireWellFormed(inner, path + "(decrypted)");
    if (isEncryptedWhole(root)) {
      if (inner.has("encrypted")) {
        throw fields.error(path, "decrypts to an event that is encrypted again");
      }
      return inner;
    }
    // encrypt=data: data and old are encrypted, the rest of the event is in the clear.
    if (root.has("data") || root.has("old")) {
      throw fields.error(path, "is there although the event has data or old in the clear: which one is meant?");
    }
    ObjectNode merged = ((ObjectNode) root).deepCopy();
    merged.remove("encrypted");
    for (Map.Entry<String, JsonNode> field : inner.properties()) {
      if (!field.getKey().equals(names.of("data")) && !field.getKey().equals(names.of("old"))) {
        throw fields.error(path, "decrypts to a field '" + field.getKey() + "'; encrypt=data holds only data and old");
      }
      merged.set(field.getKey(), field.getValue());
    }
    return merged;
  }

  /**
   * The plaintext of an {@code encrypted} object.
   *
   * @throws DecodeException naming the path when iv or bytes are missing, not base64, or do not
   *     decrypt with the key (a wrong key shows as bad padding)
   */
  public byte[] decrypt(JsonNode encrypted, String path, JsonFields fields) throws DecodeException {
    String ivPath = JsonFields.path(path, "iv");
    String bytesPath = JsonFields.path(path, "bytes");
    byte[] iv = base64(fields.requiredText(encrypted, path, "iv"), ivPath, fields);
    if (iv.length != IV_BYTES) {
      throw fields.error(ivPath, "must be " + IV_BYTES + " bytes, got " + iv.length);
    }
    byte[] ciphertext = base64(fields.requiredText(encrypted, path, "bytes"), bytesPath, fields);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
      return cipher.doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      // The exception says nothing about the key; its class (bad padding, block size) is enough.
      throw fields.error(bytesPath, "could not be decrypted with the key of " + setting + " (a wrong key, or not "
          + "Maxwell's AES/CBC/PKCS5Padding): " + e.getClass().getSimpleName());
    }
  }

  private static byte[] base64(String text, String path, JsonFields fields) throws DecodeException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw fields.error(path, "is not base64: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "MaxwellEncryption[key hidden]";
  }
}
