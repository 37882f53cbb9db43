package io.cdcaudit.policy;

import static io.cdcaudit.TestEvents.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ColumnPolicy")
class ColumnPolicyTest {

  private static final byte[] KEY_BYTES = "0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);
  private static final HashKey KEY = HashKey.of("pii-2026", KEY_BYTES);
  private static final HashKey OTHER_KEY = HashKey.of("pii-2027", "fedcba9876543210-other-key".getBytes(StandardCharsets.UTF_8));

  private static Row.Builder userRow(String email) {
    return Row.builder()
        .put("id", 7)
        .put("email", email)
        .put("ssn", "123-45-6789")
        .put("note", Value.NULL);
  }

  private static ChangeEvent insert(Row after) {
    return base(Operation.INSERT, "i").primaryKey(PrimaryKey.of("id", after.get("id"))).after(after).build();
  }

  private static ChangeEvent update(Row before, Row after, String statement) {
    return base(Operation.UPDATE, "u")
        .primaryKey(PrimaryKey.of("id", after.get("id")))
        .before(before)
        .after(after)
        .statement(statement)
        .build();
  }

  private static ColumnPolicy.Protected apply(ColumnPolicy policy, ChangeEvent event) {
    return policy.apply(event, RowDiff.of(event));
  }

  private static String hmacHex(byte[] key, byte[] input) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(input));
  }

  private static FieldChange change(List<FieldChange> changes, String column) {
    return changes.stream().filter(c -> c.column().equals(column)).findFirst().orElse(null);
  }

  @Nested
  @DisplayName("untouched events")
  class Untouched {

    @Test
    @DisplayName("none() returns the same event and diff instances")
    void none() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      List<FieldChange> diff = RowDiff.of(e);
      ColumnPolicy.Protected p = ColumnPolicy.none().apply(e, diff);
      assertThat(p.event()).isSameAs(e);
      assertThat(p.changes()).isSameAs(diff);
    }

    @Test
    @DisplayName("a table without matching rules is returned untouched, statement included")
    void noMatchingRule() {
      ChangeEvent e = update(userRow("a@x.io").build(), userRow("b@x.io").build(),
          "UPDATE users SET email='b@x.io' WHERE id=7");
      List<FieldChange> diff = RowDiff.of(e);
      ColumnPolicy policy = ColumnPolicy.builder().mask("billing.*.email").exclude("shop.orders.*")
          .statements(StatementHandling.DROP).build();
      ColumnPolicy.Protected p = policy.apply(e, diff);
      assertThat(p.event()).isSameAs(e);
      assertThat(p.changes()).isSameAs(diff);
    }

    @Test
    @DisplayName("a truncate of a table with rules is returned untouched")
    void truncate() {
      ChangeEvent e = base(Operation.TRUNCATE, "t").statement("TRUNCATE users").build();
      ColumnPolicy.Protected p = apply(ColumnPolicy.builder().mask("shop.users.*").build(), e);
      assertThat(p.event()).isSameAs(e);
    }
  }

  @Nested
  @DisplayName("exclude")
  class Exclude {

    @Test
    @DisplayName("drops the column from both images and from the diff")
    void dropsEverywhere() {
      ChangeEvent e = update(userRow("a@x.io").put("password", "old").build(),
          userRow("b@x.io").put("password", "new").build(), null);
      ColumnPolicy.Protected p = apply(ColumnPolicy.builder().exclude("shop.users.password").build(), e);
      assertThat(p.event().before().has("password")).isFalse();
      assertThat(p.event().after().has("password")).isFalse();
      assertThat(p.changes()).extracting(FieldChange::column).containsExactly("email");
      assertThat(p.event().after().columnNames()).containsExactly("id", "email", "ssn", "note");
    }

    @Test
    @DisplayName("leaves other parts of the event as they were")
    void keepsRest() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      ChangeEvent p = apply(ColumnPolicy.builder().exclude("*.*.ssn").build(), e).event();
      assertThat(p.id()).isEqualTo(e.id());
      assertThat(p.committedAt()).isEqualTo(e.committedAt());
      assertThat(p.primaryKey()).isEqualTo(e.primaryKey());
      assertThat(p.after().get("email")).isEqualTo(Value.of("a@x.io"));
    }
  }

  @Nested
  @DisplayName("mask")
  class Mask {

    @Test
    @DisplayName("replaces non-NULL values with **** and keeps NULLs")
    void defaultMask() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      Row after = apply(ColumnPolicy.builder().mask("shop.users.email").mask("shop.users.note").build(), e).event().after();
      assertThat(after.get("email")).isEqualTo(Value.of("****"));
      assertThat(after.get("note")).isSameAs(Value.NULL);
    }

    @Test
    @DisplayName("uses a custom mask text")
    void customMask() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      Row after = apply(ColumnPolicy.builder().mask("*.*.ssn", "[redacted]").build(), e).event().after();
      assertThat(after.get("ssn")).isEqualTo(Value.of("[redacted]"));
    }

    @Test
    @DisplayName("a masked column that changed stays in the diff, masked on both sides")
    void maskedChangeVisible() {
      ChangeEvent e = update(userRow("a@x.io").build(), userRow("b@x.io").build(), null);
      ColumnPolicy.Protected p = apply(ColumnPolicy.builder().mask("*.*.email").build(), e);
      assertThat(p.event().before().get("email")).isEqualTo(Value.of("****"));
      assertThat(p.event().after().get("email")).isEqualTo(Value.of("****"));
      assertThat(p.changes()).containsExactly(new FieldChange("email", Value.of("****"), Value.of("****")));
    }

    @Test
    @DisplayName("an insert's diff of a masked column keeps NULL before")
    void insertDiff() {
      ColumnPolicy.Protected p = apply(ColumnPolicy.builder().mask("*.*.email").build(), insert(userRow("a@x.io").build()));
      assertThat(change(p.changes(), "email")).isEqualTo(new FieldChange("email", Value.NULL, Value.of("****")));
    }

    @Test
    @DisplayName("rejects a null mask text")
    void nullMask() {
      assertThatThrownBy(() -> ColumnPolicy.builder().mask("*.*.email", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ColumnPolicy.mask");
    }
  }

  @Nested
  @DisplayName("hash")
  class Hash {

    @Test
    @DisplayName("gives the hex HMAC-SHA256 of the value's UTF-8 text")
    void knownVector() throws Exception {
      ChangeEvent e = insert(userRow("zoë@example.com").build());
      Row after = apply(ColumnPolicy.builder().hash("*.*.email", KEY).build(), e).event().after();
      assertThat(after.get("email"))
          .isEqualTo(Value.of(hmacHex(KEY_BYTES, "zoë@example.com".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @DisplayName("matches RFC 4231 test case 1")
    void rfc4231() {
      byte[] key = new byte[20];
      Arrays.fill(key, (byte) 0x0b);
      ColumnPolicy policy = ColumnPolicy.builder().hash("*.*.email", HashKey.of("rfc", key)).build();
      Row after = apply(policy, insert(userRow("Hi There").build())).event().after();
      assertThat(after.get("email").asText())
          .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    @DisplayName("gives the same hash for the same value, also across events")
    void sameValueSameHash() {
      ColumnPolicy policy = ColumnPolicy.builder().hash("*.*.email", KEY).build();
      Value a = apply(policy, insert(userRow("a@x.io").build())).event().after().get("email");
      Value b = apply(policy, update(userRow("a@x.io").build(), userRow("a@x.io").put("ssn", "x").build(), null))
          .event().before().get("email");
      assertThat(a).isEqualTo(b);
      Value other = apply(policy, insert(userRow("b@x.io").build())).event().after().get("email");
      assertThat(other).isNotEqualTo(a);
    }

    @Test
    @DisplayName("gives a different hash under a different key")
    void differentKeys() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      Value one = apply(ColumnPolicy.builder().hash("*.*.email", KEY).build(), e).event().after().get("email");
      Value two = apply(ColumnPolicy.builder().hash("*.*.email", OTHER_KEY).build(), e).event().after().get("email");
      assertThat(one).isNotEqualTo(two);
    }

    @Test
    @DisplayName("hashes bytes as bytes, not as their base64 text")
    void bytesAsBytes() throws Exception {
      byte[] raw = {0, 1, 2, (byte) 0xff};
      ChangeEvent e = insert(userRow("a@x.io").put("avatar", Value.ofBytes(raw)).build());
      Value hashed = apply(ColumnPolicy.builder().hash("*.*.avatar", KEY).build(), e).event().after().get("avatar");
      assertThat(hashed).isEqualTo(Value.of(hmacHex(KEY_BYTES, raw)));
      assertThat(hashed.asText()).isNotEqualTo(hmacHex(KEY_BYTES, "AAEC/w==".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("hashes the primary key, so the key still tells rows apart")
    void hashesKey() throws Exception {
      ChangeEvent e = insert(userRow("a@x.io").build());
      ChangeEvent p = apply(ColumnPolicy.builder().hash("shop.users.id", KEY).build(), e).event();
      String expected = hmacHex(KEY_BYTES, "7".getBytes(StandardCharsets.UTF_8));
      assertThat(p.primaryKey()).isEqualTo(PrimaryKey.of("id", expected));
      assertThat(p.after().get("id")).isEqualTo(Value.of(expected));
    }

    @Test
    @DisplayName("a hashed column that changed shows both hashes in the diff")
    void diff() throws Exception {
      ChangeEvent e = update(userRow("a@x.io").build(), userRow("b@x.io").build(), null);
      ColumnPolicy.Protected p = apply(ColumnPolicy.builder().hash("*.*.email", KEY).build(), e);
      assertThat(p.changes()).containsExactly(new FieldChange("email",
          Value.of(hmacHex(KEY_BYTES, "a@x.io".getBytes(StandardCharsets.UTF_8))),
          Value.of(hmacHex(KEY_BYTES, "b@x.io".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    @DisplayName("keeps NULL as NULL")
    void nullStays() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      assertThat(apply(ColumnPolicy.builder().hash("*.*.note", KEY).build(), e).event().after().get("note"))
          .isSameAs(Value.NULL);
    }

    @Test
    @DisplayName("rejects a null key, naming the setting")
    void nullKey() {
      assertThatThrownBy(() -> ColumnPolicy.builder().hash("*.*.email", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ColumnPolicy.hash");
    }

    @Test
    @DisplayName("the policy's text names the key id but not the key")
    void printing() {
      String text = ColumnPolicy.builder().hash("*.*.email", KEY).build().toString();
      assertThat(text).contains("pii-2026").doesNotContain("0123456789abcdef");
    }
  }

  @Nested
  @DisplayName("truncate")
  class Truncate {

    private Value truncated(int max, Value value) {
      ChangeEvent e = insert(userRow("a@x.io").put("bio", value).build());
      return apply(ColumnPolicy.builder().truncate("*.*.bio", max).build(), e).event().after().get("bio");
    }

    @Test
    @DisplayName("cuts text to the given number of characters")
    void text() {
      assertThat(truncated(5, Value.of("hello world"))).isEqualTo(Value.of("hello"));
    }

    @Test
    @DisplayName("keeps text that is short enough as it is")
    void shortText() {
      assertThat(truncated(5, Value.of("hello"))).isEqualTo(Value.of("hello"));
    }

    @Test
    @DisplayName("counts code points and never splits a surrogate pair")
    void codePoints() {
      assertThat(truncated(2, Value.of("a😀b"))).isEqualTo(Value.of("a😀"));
      assertThat(truncated(1, Value.of("😀😀"))).isEqualTo(Value.of("😀"));
      assertThat(truncated(2, Value.of("😀😀"))).isEqualTo(Value.of("😀😀"));
    }

    @Test
    @DisplayName("cuts bytes to the given number of bytes")
    void bytes() {
      assertThat(truncated(3, Value.ofBytes(new byte[] {1, 2, 3, 4, 5}))).isEqualTo(Value.ofBytes(new byte[] {1, 2, 3}));
      assertThat(truncated(9, Value.ofBytes(new byte[] {1, 2}))).isEqualTo(Value.ofBytes(new byte[] {1, 2}));
    }

    @Test
    @DisplayName("turns cut JSON into text, and keeps short JSON as JSON")
    void json() {
      assertThat(truncated(5, Value.ofJson("{\"a\":\"bcdef\"}"))).isEqualTo(Value.of("{\"a\":"));
      assertThat(truncated(50, Value.ofJson("{\"a\":1}"))).isEqualTo(Value.ofJson("{\"a\":1}"));
    }

    @Test
    @DisplayName("never splits a surrogate pair in JSON either")
    void jsonCodePoints() {
      Value cut = truncated(3, Value.ofJson("[\"😀😀\"]"));
      assertThat(cut).isEqualTo(Value.of("[\"😀"));
    }

    @Test
    @DisplayName("counts JSON in code points, like text")
    void jsonWithinLimitInCodePoints() {
      // 6 code points, 8 UTF-16 chars
      assertThat(truncated(6, Value.ofJson("[\"😀😀\"]"))).isEqualTo(Value.ofJson("[\"😀😀\"]"));
    }

    @Test
    @DisplayName("leaves numbers and NULL alone")
    void numbers() {
      assertThat(truncated(2, Value.of(123456))).isEqualTo(Value.of(123456));
      assertThat(truncated(2, Value.NULL)).isSameAs(Value.NULL);
    }

    @Test
    @DisplayName("a cut column that changed beyond the cut stays in the diff")
    void diff() {
      ChangeEvent e = update(userRow("a@x.io").put("bio", "aaaaX").build(), userRow("a@x.io").put("bio", "aaaaY").build(), null);
      ColumnPolicy.Protected p = apply(ColumnPolicy.builder().truncate("*.*.bio", 4).build(), e);
      assertThat(p.changes()).containsExactly(new FieldChange("bio", Value.of("aaaa"), Value.of("aaaa")));
    }

    @Test
    @DisplayName("rejects a length below 1, naming the setting")
    void rejectsZero() {
      assertThatThrownBy(() -> ColumnPolicy.builder().truncate("*.*.bio", 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ColumnPolicy.truncate maxLength")
          .hasMessageContaining("0");
    }
  }

  @Nested
  @DisplayName("rules")
  class Rules {

    @Test
    @DisplayName("the first matching rule wins")
    void firstWins() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      Row maskFirst = apply(ColumnPolicy.builder().mask("shop.users.email").exclude("shop.users.e*").build(), e).event().after();
      assertThat(maskFirst.get("email")).isEqualTo(Value.of("****"));

      Row excludeFirst = apply(ColumnPolicy.builder().exclude("shop.users.e*").mask("shop.users.email").build(), e).event().after();
      assertThat(excludeFirst.columnNames()).containsExactly("id", "ssn", "note");
    }

    @Test
    @DisplayName("patterns are matched against db.table.column")
    void qualifiedNames() {
      ChangeEvent other = base(Operation.INSERT, "o").table(TableRef.of("billing", "users"))
          .after(userRow("a@x.io").build()).build();
      ColumnPolicy policy = ColumnPolicy.builder().mask("shop.users.email").build();
      assertThat(apply(policy, other).event()).isSameAs(other);
      assertThat(apply(ColumnPolicy.builder().mask("*.users.email").build(), other).event().after().get("email"))
          .isEqualTo(Value.of("****"));
    }

    @Test
    @DisplayName("refuses a column pattern without its database part: it would protect nothing")
    void refusesTwoPartPatterns() {
      assertThatThrownBy(() -> ColumnPolicy.builder().exclude("users.password_hash"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ColumnPolicy.exclude: 'users.password_hash' has 2 parts; a column pattern is"
              + " database.table.column");
      assertThatThrownBy(() -> ColumnPolicy.builder().mask("^.*password.*$"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("looks like a regular expression");
    }

    @Test
    @DisplayName("matches column names case-insensitively, as MySQL does")
    void caseInsensitiveColumns() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      assertThat(apply(ColumnPolicy.builder().mask("*.USERS.Email").build(), e).event().after().get("email"))
          .isEqualTo(Value.of("****"));
    }

    @Test
    @DisplayName("refuses a rule that an earlier one covers: the first rule that matches decides")
    void refusesShadowedRule() {
      assertThatThrownBy(() -> ColumnPolicy.builder().mask("*.*.email").hash("shop.users.email", KEY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ColumnPolicy.hash shop.users.email can never apply: the earlier rule 'mask *.*.email'");
    }

    @Test
    @DisplayName("lists the rules that protected no column yet")
    void idleRules() {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.users.email").exclude("*.users.pasword").build();
      assertThat(policy.idleRules()).containsExactly("ColumnPolicy.mask *.users.email", "ColumnPolicy.exclude *.users.pasword");
      apply(policy, insert(userRow("a@x.io").build()));
      assertThat(policy.idleRules()).containsExactly("ColumnPolicy.exclude *.users.pasword");
    }

    @Test
    @DisplayName("rejects blank patterns naming the rule")
    void blankPatterns() {
      assertThatThrownBy(() -> ColumnPolicy.builder().exclude("")).hasMessageContaining("ColumnPolicy.exclude");
      assertThatThrownBy(() -> ColumnPolicy.builder().mask(" ")).hasMessageContaining("ColumnPolicy.mask");
      assertThatThrownBy(() -> ColumnPolicy.builder().hash("a b", KEY)).hasMessageContaining("ColumnPolicy.hash");
      assertThatThrownBy(() -> ColumnPolicy.builder().truncate("", 3)).hasMessageContaining("ColumnPolicy.truncate");
      assertThatThrownBy(() -> ColumnPolicy.builder().statements(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("ColumnPolicy.statements");
    }

    @Test
    @DisplayName("excluding a key column leaves the event without a primary key")
    void excludedKey() {
      ChangeEvent e = insert(userRow("a@x.io").build());
      assertThat(apply(ColumnPolicy.builder().exclude("*.*.id").build(), e).event().primaryKey()).isSameAs(PrimaryKey.NONE);
    }
  }

  @Nested
  @DisplayName("statements, SCRUB_VALUES")
  class Scrub {

    private String scrubbed(ColumnPolicy policy, Row before, Row after, String statement) {
      return apply(policy, update(before, after, statement)).event().statement().orElseThrow();
    }

    @Test
    @DisplayName("replaces the protected values of the event with what the policy stores")
    void replacesOwnValues() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.email").build(),
          userRow("alice@example.com").build(), userRow("bob@example.com").build(),
          "UPDATE users SET email='bob@example.com' WHERE email='alice@example.com' AND id=7");
      assertThat(out).isEqualTo("UPDATE users SET email='****' WHERE email='****' AND id=7");
    }

    @Test
    @DisplayName("leaves comments alone, so an actor tag survives")
    void keepsComments() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.email").build(),
          userRow("alice@example.com").build(), userRow("bob@example.com").build(),
          "UPDATE users SET email='bob@example.com' WHERE id=7 /*actor='bob@example.com'*/");
      assertThat(out).isEqualTo("UPDATE users SET email='****' WHERE id=7 /*actor='bob@example.com'*/");
    }

    @Test
    @DisplayName("replaces a literal with an embedded quote written as ''")
    void doubledQuote() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.email").build(),
          userRow("a@x.io").build(), userRow("o'brien@x.io").build(),
          "UPDATE users SET email='o''brien@x.io' WHERE id=7");
      assertThat(out).isEqualTo("UPDATE users SET email='****' WHERE id=7");
    }

    @Test
    @DisplayName("replaces a literal with an embedded quote written as \\'")
    void backslashQuote() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.email").build(),
          userRow("a@x.io").build(), userRow("o'brien@x.io").build(),
          "UPDATE users SET email='o\\'brien@x.io' WHERE id=7");
      assertThat(out).isEqualTo("UPDATE users SET email='****' WHERE id=7");
    }

    @Test
    @DisplayName("replaces a double-quoted literal")
    void doubleQuoted() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.email").build(),
          userRow("a@x.io").build(), userRow("b@x.io").build(),
          "UPDATE users SET email=\"b@x.io\" WHERE id=7");
      assertThat(out).isEqualTo("UPDATE users SET email='****' WHERE id=7");
    }

    @Test
    @DisplayName("replaces a bare number only where it stands alone: 12 does not hit 123, 1212 or 12.5")
    void bareNumbers() {
      Row.Builder others = userRow("a@x.io").put("id", 1212).put("bonus", 123)
          .put("rate", Value.of(new java.math.BigDecimal("12.5")));
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.salary").build(),
          others.put("salary", 11).build(), others.put("salary", 12).build(),
          "UPDATE users SET salary=12, bonus=123, rate=12.5, code=x12 WHERE id=1212 AND salary = 11");
      assertThat(out).isEqualTo(
          "UPDATE users SET salary='****', bonus=123, rate=12.5, code=x12 WHERE id=1212 AND salary = '****'");
    }

    @Test
    @DisplayName("replaces a bare decimal as a whole")
    void bareDecimal() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.salary").build(),
          userRow("a@x.io").put("salary", Value.of(new java.math.BigDecimal("250.00"))).build(),
          userRow("a@x.io").put("salary", Value.of(new java.math.BigDecimal("300.50"))).build(),
          "UPDATE users SET salary=300.50 WHERE salary=250.00 AND id=7");
      assertThat(out).isEqualTo("UPDATE users SET salary='****' WHERE salary='****' AND id=7");
    }

    @Test
    @DisplayName("replaces an excluded column's value with ?")
    void excludedBecomesPlaceholder() {
      String out = scrubbed(ColumnPolicy.builder().exclude("*.*.password").build(),
          userRow("a@x.io").put("password", "hunter1").build(), userRow("a@x.io").put("password", "hunter2").build(),
          "UPDATE users SET password='hunter2' WHERE id=7");
      assertThat(out).isEqualTo("UPDATE users SET password=? WHERE id=7");
    }

    @Test
    @DisplayName("replaces a hashed value with its hash")
    void hashedBecomesHash() throws Exception {
      String out = scrubbed(ColumnPolicy.builder().hash("*.*.email", KEY).build(),
          userRow("a@x.io").build(), userRow("b@x.io").build(),
          "UPDATE users SET email='b@x.io' WHERE id=7");
      assertThat(out).isEqualTo("UPDATE users SET email='"
          + hmacHex(KEY_BYTES, "b@x.io".getBytes(StandardCharsets.UTF_8)) + "' WHERE id=7");
    }

    @Test
    @DisplayName("does not touch a literal that merely contains the value")
    void partialLiteral() {
      String out = scrubbed(ColumnPolicy.builder().mask("*.*.email").build(),
          userRow("a@x.io").build(), userRow("b@x.io").put("note", "was b@x.io.old").build(),
          "UPDATE users SET email='b@x.io', note='was b@x.io.old' WHERE id=7");
      assertThat(out).isEqualTo("UPDATE users SET email='****', note='was b@x.io.old' WHERE id=7");
    }

    @Test
    @DisplayName("is the default")
    void isDefault() {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.*.email").build();
      assertThat(policy.toString()).contains("SCRUB_VALUES");
    }
  }

  @Nested
  @DisplayName("statements, REDACT_LITERALS and DROP")
  class RedactAndDrop {

    private String redacted(String statement) {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.*.email").statements(StatementHandling.REDACT_LITERALS).build();
      return apply(policy, update(userRow("a@x.io").build(), userRow("b@x.io").build(), statement))
          .event().statement().orElseThrow();
    }

    @Test
    @DisplayName("replaces every string and number literal with ?")
    void literals() {
      assertThat(redacted("UPDATE users SET email='b@x.io', name=\"Bob\", age=42, score=-1.5e+3 WHERE id=7"))
          .isEqualTo("UPDATE users SET email=?, name=?, age=?, score=? WHERE id=?");
    }

    @Test
    @DisplayName("handles escaped quotes inside literals")
    void escapedQuotes() {
      assertThat(redacted("UPDATE users SET name='O''Brien', nick='it\\'s' WHERE id=7"))
          .isEqualTo("UPDATE users SET name=?, nick=? WHERE id=?");
    }

    @Test
    @DisplayName("keeps comments, the actor tag comment and backticked identifiers")
    void keepsCommentsAndIdentifiers() {
      assertThat(redacted("/* app 42 */ UPDATE `users2` SET `col 1`='x' WHERE t1.id=7 /*actor='alice',request='r-17'*/"))
          .isEqualTo("/* app 42 */ UPDATE `users2` SET `col 1`=? WHERE t1.id=? /*actor='alice',request='r-17'*/");
    }

    @Test
    @DisplayName("keeps line comments")
    void lineComments() {
      assertThat(redacted("UPDATE users SET a=1 -- set 'a' to 1\nWHERE b='x' # note 'y' 2"))
          .isEqualTo("UPDATE users SET a=? -- set 'a' to 1\nWHERE b=? # note 'y' 2");
    }

    @Test
    @DisplayName("DROP removes the statement")
    void drop() {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.*.email").statements(StatementHandling.DROP).build();
      ChangeEvent e = update(userRow("a@x.io").build(), userRow("b@x.io").build(), "UPDATE users SET email='b@x.io'");
      assertThat(apply(policy, e).event().statement()).isEmpty();
    }
  }

  @Nested
  @DisplayName("statements, when SCRUB_VALUES cannot be sure")
  class ScrubFallback {

    private String stored(ColumnPolicy policy, Row row, String statement) {
      return apply(policy, update(row, row, statement)).event().statement().orElse(null);
    }

    private Row employee() {
      return Row.builder()
          .put("id", 7)
          .put("dir", "C:\\")
          .put("email", "alice.smith@corp.example")
          .put("ssn", "123-45-6789")
          .put("salary", Value.of(new java.math.BigDecimal("85000.00")))
          .build();
    }

    @Test
    @DisplayName("compares numbers by value: a DECIMAL written without its scale is replaced")
    void decimalWithoutScale() {
      assertThat(stored(ColumnPolicy.builder().exclude("*.*.salary").build(), employee(),
          "UPDATE employees SET salary = 85000 WHERE id = 7"))
          .isEqualTo("UPDATE employees SET salary = ? WHERE id = 7");
      assertThat(stored(ColumnPolicy.builder().exclude("*.*.salary").build(), employee(),
          "UPDATE employees SET salary = 8.5e4 WHERE id = '7'"))
          .isEqualTo("UPDATE employees SET salary = ? WHERE id = '7'");
    }

    @Test
    @DisplayName("replaces a hex spelling of a protected value")
    void hexOfValue() {
      assertThat(stored(ColumnPolicy.builder().mask("*.*.ssn").build(), employee(),
          "INSERT INTO employees (id, ssn) VALUES (7, 0x3132332d34352d36373839)"))
          .isEqualTo("INSERT INTO employees (id, ssn) VALUES (7, '****')");
    }

    @Test
    @DisplayName("redacts every literal when a value is passed through functions, and keeps the comments")
    void functionWrapped() {
      assertThat(stored(ColumnPolicy.builder().mask("*.*.email").build(), employee(),
          "UPDATE employees SET email = LOWER(TRIM(' Alice.Smith@Corp.Example ')) WHERE id = 7 /*actor='bob'*/"))
          .isEqualTo("UPDATE employees SET email = LOWER(TRIM(?)) WHERE id = ? /*actor='bob'*/");
    }

    @Test
    @DisplayName("redacts every literal of a multi-row insert, the other rows' values included")
    void multiRow() {
      assertThat(stored(ColumnPolicy.builder().mask("*.*.ssn").build(), employee(),
          "INSERT INTO employees (id, ssn) VALUES (7, '123-45-6789'), (8, '987-65-4321')"))
          .isEqualTo("INSERT INTO employees (id, ssn) VALUES (?, ?), (?, ?)");
    }

    @Test
    @DisplayName("under NO_BACKSLASH_ESCAPES, a value ending in a backslash does not hide the next literal")
    void noBackslashEscapes() {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.*.ssn").sqlMode(SqlMode.of("NO_BACKSLASH_ESCAPES")).build();
      assertThat(stored(policy, employee(), "INSERT INTO employees (id, dir, ssn) VALUES (7, 'C:\\', '123-45-6789')"))
          .isEqualTo("INSERT INTO employees (id, dir, ssn) VALUES (7, 'C:\\', '****')");
    }

    @Test
    @DisplayName("drops a statement it cannot read to the end: an unterminated literal or comment")
    void unterminated() {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.*.ssn").build();
      assertThat(stored(policy, employee(), "UPDATE employees SET ssn = '123-45-6789 WHERE id = 7")).isNull();
      assertThat(stored(policy, employee(), "UPDATE employees SET ssn = '123-45-6789' /* note")).isNull();
      // Read with backslash escapes, the value 'C:\' swallows the quote after it.
      assertThat(stored(policy, employee(), "INSERT INTO employees VALUES (7, 'C:\\', 'alice.smith@corp.example')")).isNull();
    }

    @Test
    @DisplayName("rejects a null sql_mode, naming the setting")
    void nullSqlMode() {
      assertThatThrownBy(() -> ColumnPolicy.builder().sqlMode(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ColumnPolicy.sqlMode");
    }
  }

  @Nested
  @DisplayName("statements, REDACT_LITERALS: every lexical form")
  class RedactForms {

    private String redacted(SqlMode mode, String statement) {
      ColumnPolicy policy = ColumnPolicy.builder().mask("*.*.email")
          .statements(StatementHandling.REDACT_LITERALS).sqlMode(mode).build();
      return apply(policy, update(userRow("a@x.io").build(), userRow("b@x.io").build(), statement))
          .event().statement().orElse(null);
    }

    @Test
    @DisplayName("redacts hex and bit literals, with or without an introducer")
    void hexAndBits() {
      assertThat(redacted(SqlMode.DEFAULT,
          "INSERT INTO t VALUES (0x3132332d34352d36373839, X'41', b'01', 0b01, _utf8mb4'x', _binary X'41', N'x', _latin1 0x41)"))
          .isEqualTo("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    @DisplayName("redacts numbers with a leading dot or an exponent, and booleans")
    void numbers() {
      assertThat(redacted(SqlMode.DEFAULT, "UPDATE t SET a = .75, b = 1.5E-3, c = 2e+5, d = 1., e = TRUE WHERE f = false"))
          .isEqualTo("UPDATE t SET a = ?, b = ?, c = ?, d = ?, e = ? WHERE f = ?");
    }

    @Test
    @DisplayName("reads the body of an executable comment as SQL, and keeps optimizer hints")
    void executableComments() {
      assertThat(redacted(SqlMode.DEFAULT,
          "UPDATE /*+ NO_MERGE(t) */ t SET a = /*!50000 '123-45-6789' */, b = /*M!100100 'x' */, c = /*! 42 */"))
          .isEqualTo("UPDATE /*+ NO_MERGE(t) */ t SET a = /*!50000 ? */, b = /*M!100100 ? */, c = /*! ? */");
    }

    @Test
    @DisplayName("follows NO_BACKSLASH_ESCAPES: a value ending in a backslash ends there")
    void noBackslashEscapes() {
      assertThat(redacted(SqlMode.of("NO_BACKSLASH_ESCAPES"), "INSERT INTO t VALUES (5, 'C:\\', 'alice.smith@corp.example')"))
          .isEqualTo("INSERT INTO t VALUES (?, ?, ?)");
    }

    @Test
    @DisplayName("follows ANSI_QUOTES: double quotes around an identifier keep it")
    void ansiQuotes() {
      assertThat(redacted(SqlMode.of("ANSI"), "UPDATE \"users\" SET \"e\\\" = 'x' WHERE id = 7"))
          .isEqualTo("UPDATE \"users\" SET \"e\\\" = ? WHERE id = ?");
    }

    @Test
    @DisplayName("drops a statement it cannot read to the end")
    void unterminated() {
      assertThat(redacted(SqlMode.DEFAULT, "INSERT INTO t VALUES (5, 'C:\\', 'alice.smith@corp.example')")).isNull();
      assertThat(redacted(SqlMode.DEFAULT, "UPDATE t SET a = 'x' /*!50000 b = 'y'")).isNull();
    }
  }
}
