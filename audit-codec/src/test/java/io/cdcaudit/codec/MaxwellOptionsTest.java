package io.cdcaudit.codec;

import static io.cdcaudit.codec.Messages.change;
import static io.cdcaudit.codec.Messages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.codec.internal.MaxwellNames;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Value;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("MaxwellDecoder options")
class MaxwellOptionsTest {

  @Nested
  @DisplayName("output_naming_strategy=underscore_to_camelcase")
  class CamelCase {

    // The shape Maxwell 1.26+ prints with the option: multi-word fields and data's column names in
    // camel case; primaryKeyColumns keeps the columns' own names.
    private static final String UPDATE = "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"update\",\"ts\":1700000000,"
        + "\"xid\":9,\"xoffset\":0,\"position\":\"mysql-bin.000003:400\",\"serverId\":1,\"threadId\":7,"
        + "\"primaryKey\":[1],\"primaryKeyColumns\":[\"order_id\"],"
        + "\"data\":{\"orderId\":1,\"customerId\":2,\"status\":\"shipped\"},\"old\":{\"status\":\"new\"}}";
    private static final String DEFAULT_OUTPUT = "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\","
        + "\"ts\":1700000000,\"xid\":9,\"commit\":true,\"data\":{\"orderId\":1,\"customerId\":2}}";

    private final MaxwellDecoder camel = MaxwellDecoder.builder()
        .outputNamingStrategy(MaxwellDecoder.FieldNaming.UNDERSCORE_TO_CAMELCASE).build();

    @Test
    @DisplayName("reads the key, position and thread from the camel-case fields")
    void reads() throws DecodeException {
      ChangeEvent event = change(camel, UPDATE);

      assertThat(event.primaryKey()).isEqualTo(PrimaryKey.of("orderId", 1));
      assertThat(event.position().serverId()).isEqualTo(1L);
      assertThat(event.position().binlogFile()).isEqualTo("mysql-bin.000003");
      assertThat(event.connectionId()).hasValue(7L);
      assertThat(event.before().get("status")).isEqualTo(Value.of("new"));
    }

    @Test
    @DisplayName("finds configured and learned key columns under their camel-case names")
    void configuredAndLearned() throws DecodeException {
      MaxwellDecoder configured = MaxwellDecoder.builder().primaryKey("shop.orders", "order_id")
          .outputNamingStrategy(MaxwellDecoder.FieldNaming.UNDERSCORE_TO_CAMELCASE).build();
      assertThat(change(configured, DEFAULT_OUTPUT).primaryKey()).isEqualTo(PrimaryKey.of("orderId", 1));

      camel.decode(value("{\"type\":\"table-create\",\"database\":\"shop\",\"table\":\"orders\",\"def\":{\"database\":\"shop\","
          + "\"table\":\"orders\",\"primary-key\":[\"order_id\"]},\"ts\":1700000000000,\"sql\":\"CREATE TABLE orders (...)\"}"));
      assertThat(change(camel, DEFAULT_OUTPUT).primaryKey()).isEqualTo(PrimaryKey.of("orderId", 1));
    }

    @Test
    @DisplayName("is refused by a decoder built for the other naming, naming the field and the setting")
    void mismatch() {
      assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(UPDATE)))
          .isInstanceOf(DecodeException.class)
          .hasMessageStartingWith("maxwell: $.primaryKey ")
          .hasMessageContaining("underscore_to_camelcase")
          .hasMessageContaining("MaxwellDecoder.Builder.outputNamingStrategy");
      assertThatThrownBy(() -> camel.decode(value(UPDATE.replace("\"serverId\"", "\"server_id\""))))
          .isInstanceOf(DecodeException.class)
          .hasMessageStartingWith("maxwell: $.server_id ");
    }

    @Test
    @DisplayName("converts names as Maxwell does")
    void conversion() {
      assertThat(MaxwellNames.camelCase("primary_key_columns")).isEqualTo("primaryKeyColumns");
      assertThat(MaxwellNames.camelCase("_id")).isEqualTo("id");
      assertThat(MaxwellNames.camelCase("a__b")).isEqualTo("a_b");
      assertThat(MaxwellNames.camelCase("x_")).isEqualTo("x");
      assertThat(MaxwellNames.camelCase("a_1b")).isEqualTo("a1b");
      assertThat(MaxwellNames.camelCase("___")).isEqualTo("___");
      assertThat(MaxwellNames.camelCase("orderId")).isEqualTo("orderId");
    }
  }

  @Nested
  @DisplayName("encrypt=data and encrypt=all")
  class Encryption {

    private static final String KEY = "aaaaaaaaaaaaaaaa";
    private static final String ENVELOPE = "{\"database\":\"shard_1\",\"table\":\"minimal\",\"type\":\"insert\","
        + "\"ts\":1504585129,\"xid\":161,\"commit\":true,";
    private static final String PLAIN = ENVELOPE + "\"data\":{\"id\":1,\"account_id\":1,\"text_field\":\"hello\"}}";

    private final MaxwellDecoder decoder = MaxwellDecoder.builder().encryptionKey(KEY).build();

    /** Encrypts as Maxwell's encryption documents: AES/CBC/PKCS5Padding, a random 16-byte IV, both base64. */
    private String encrypted(String plaintext, String key) throws Exception {
      byte[] iv = new byte[16];
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"), new IvParameterSpec(iv));
      byte[] bytes = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return "{\"iv\":\"" + Base64.getEncoder().encodeToString(iv) + "\",\"bytes\":\""
          + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    private String dataMode(String key) throws Exception {
      return ENVELOPE + "\"encrypted\":" + encrypted("{\"data\":{\"id\":1,\"account_id\":1,\"text_field\":\"hello\"}}", key) + "}";
    }

    private String allMode(String key) throws Exception {
      return "{\"encrypted\":" + encrypted(PLAIN, key) + "}";
    }

    @Test
    @DisplayName("decrypts data and old (encrypt=data) and whole events (encrypt=all) to what the plain event gives")
    void bothModes() throws Exception {
      ChangeEvent plain = change(MaxwellDecoder.create(), PLAIN);
      ChangeEvent data = change(decoder, dataMode(KEY));
      ChangeEvent all = change(decoder, allMode(KEY));

      assertThat(data.after()).isEqualTo(plain.after());
      assertThat(all.after()).isEqualTo(plain.after());
      assertThat(all.table()).isEqualTo(plain.table());
      assertThat(all.transaction()).isEqualTo(plain.transaction());
      assertThat(data.after().get("text_field")).isEqualTo(Value.of("hello"));
    }

    @Test
    @DisplayName("decrypts the examples of Maxwell's encryption documentation")
    void documentedExamples() throws DecodeException {
      String data = "{\"database\":\"shard_1\",\"table\":\"minimal\",\"type\":\"insert\",\"ts\":1504585129,\"xid\":161,"
          + "\"commit\":true,\"encrypted\":{\"iv\":\"lqiXoTdz6jed3XgJPpa7EQ==\",\"bytes\":\"1soc4leskiIm6yuT2D49VA3AYVKCvN+0wh+8d1iwSZETK7N2pG4HDbqnVpJUUCOaKjpcPlP7Sc7Z3SPhGD5JeA==\"}}";
      String all = "{\"encrypted\":{\"bytes\":\"iZssjWfzS0NlqIj82ddpvoQeKSx4D3GIPSCgjdkpgQlCWzN2p3VVZOn3Oj1x4w+a6dVhoFmllWxBK6aAkdVK9t6Vt1+um6lWwSeXNQIL/RbknW5Q8I9emm5bC1Dd1LftBuX/1Uw0wjbsq8Qt3HErvmmiIMe2S27EIWshvBnmw9MibryjLD0brvIbFFxwDuSQuVA4OFyV9TN32N/ZXiBwIA==\",\"iv\":\"XXs6AePsXJWAAIrKyLlR0g==\"}}";

      assertThat(change(decoder, data).after().get("text_field")).isEqualTo(Value.of("hello"));
      assertThat(change(decoder, all).after().get("text_field")).isEqualTo(Value.of("hello"));
    }

    @Test
    @DisplayName("without a key fail saying the event is encrypted and which setting fixes it")
    void noKey() throws Exception {
      String data = dataMode(KEY);
      String all = allMode(KEY);

      for (String event : new String[] {data, all}) {
        assertThatThrownBy(() -> MaxwellDecoder.create().decode(value(event)))
            .isInstanceOf(DecodeException.class)
            .hasMessageStartingWith("maxwell: $.encrypted ")
            .hasMessageContaining("encrypted")
            .hasMessageContaining("MaxwellDecoder.Builder.encryptionKey");
      }
      assertThatThrownBy(() -> ChangeDecoders.auto().decode(value(all)))
          .as("auto recognises encrypt=all envelopes as Maxwell").isInstanceOf(DecodeException.class)
          .hasMessageContaining("MaxwellDecoder.Builder.encryptionKey");
      assertThat(change(ChangeDecoders.auto(decoder, DebeziumDecoder.create()), all).after().get("id"))
          .isEqualTo(Value.of(1));
    }

    @Test
    @DisplayName("with the wrong key, or a broken iv or ciphertext, fail naming the path")
    void wrongKey() throws Exception {
      String other = dataMode("bbbbbbbbbbbbbbbb");

      assertThatThrownBy(() -> decoder.decode(value(other)))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("maxwell: $.encrypted.bytes ")
          .hasMessageContaining("encryptionKey");
      assertThatThrownBy(() -> decoder.decode(value(ENVELOPE + "\"encrypted\":{\"iv\":\"AAAA\",\"bytes\":\"AAAA\"}}")))
          .isInstanceOf(DecodeException.class).hasMessageStartingWith("maxwell: $.encrypted.iv ");
      assertThatThrownBy(() -> decoder.decode(value(ENVELOPE + "\"encrypted\":{\"iv\":\"lqiXoTdz6jed3XgJPpa7EQ==\"}}")))
          .isInstanceOf(DecodeException.class).hasMessage("maxwell: $.encrypted.bytes is missing");
    }

    @Test
    @DisplayName("the key must be 16, 24 or 32 bytes, checked when building, and never shows in toString")
    void keySetting() {
      assertThatThrownBy(() -> MaxwellDecoder.builder().encryptionKey("short").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("MaxwellDecoder.encryptionKey")
          .hasMessageContaining("16, 24 or 32")
          .hasMessageNotContaining("short");
      assertThat(MaxwellDecoder.builder().encryptionKey("k".repeat(32)).build()).isNotNull();
      assertThat(decoder.toString()).doesNotContain(KEY);
      assertThat(MaxwellDecoder.builder().encryptionKey(KEY).toString()).doesNotContain(KEY);
    }
  }
}
