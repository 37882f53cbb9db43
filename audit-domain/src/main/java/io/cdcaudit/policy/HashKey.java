package io.cdcaudit.policy;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key material for keyed hashing (HMAC-SHA256) of column values. The same value under the same key
 * always hashes the same, so hashed columns stay joinable without being readable. The key never
 * appears in {@link #toString()} or in logs; only its {@link #id()} does, which names the key in
 * configuration and logs.
 *
 * <p>The id is not part of a hash: a stored hash is the bare hex of the HMAC, and no record says
 * which key made it. After a key rotation, old and new hashes of one value therefore differ, and the
 * record alone cannot tell which key produced either. Keep the old key to re-compute a value's old
 * hash, for instance to find the records hashed before the rotation.
 */
public final class HashKey {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MIN_KEY_BYTES = 16;

  private final String id;
  private final byte[] key;
  // Mac.getInstance and init cost more than the hash of a column value: one initialised Mac per thread.
  private final ThreadLocal<Mac> macs;

  private HashKey(String id, byte[] key) {
    this.id = id;
    this.key = key;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * A key of at least 16 bytes, named {@code id} (for example {@code pii-2026}).
   *
   * @param id the name of the key in configuration and logs
   * @param key the secret; copied, so the caller may wipe its array afterwards
   * @return the key
   * @throws NullPointerException when {@code id} or {@code key} is {@code null}
   * @throws IllegalArgumentException when the id is not 1-64 of {@code [A-Za-z0-9._-]} or the
   *     key is shorter than 16 bytes (the key itself is never part of the message)
   */
  public static HashKey of(String id, byte[] key) {
    Objects.requireNonNull(id, "HashKey id");
    Objects.requireNonNull(key, "HashKey key");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("HashKey id must be 1-64 of [A-Za-z0-9._-], got '" + id + "'");
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "HashKey '" + id + "' is " + key.length + " bytes; use at least " + MIN_KEY_BYTES);
    }
    return new HashKey(id, key.clone());
  }

  /**
   * The key's name, which {@link #toString()} and logs show instead of the key.
   *
   * @return the id given to {@link #of(String, byte[])}
   */
  public String id() {
    return id;
  }

  /**
   * HMAC-SHA256 of {@code input} under this key; safe to call from several threads.
   *
   * @param input the bytes to hash, such as a column value's text
   * @return the 32-byte MAC
   */
  public byte[] hmac(byte[] input) {
    return macs.get().doFinal(input);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashKey other && id.equals(other.id) && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /**
   * For configuration dumps and logs: the id, never the key.
   *
   * @return {@code HashKey[id=..., key=***]}
   */
  @Override
  public String toString() {
    return "HashKey[id=" + id + ", key=***]";
  }
}
