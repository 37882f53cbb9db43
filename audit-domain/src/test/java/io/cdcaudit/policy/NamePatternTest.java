package io.cdcaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("NamePattern")
class NamePatternTest {

  private static boolean matches(String glob, String name) {
    return NamePattern.of(glob, "test").matches(name);
  }

  @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
  @CsvSource({
      "shop.users, shop.users, true",
      "shop.users, shop.user, false",
      "shop.users, shop.usersx, false",
      "shop.*, shop.users, true",
      "shop.*, shop., true",
      "shop.*, shopx.users, false",
      "*.email, shop.users.email, true",
      "*.email, shop.users.email2, false",
      "shop.*.ssn, shop.a.b.ssn, true",
      "*, anything.at.all, true",
      "shop.t?, shop.t1, true",
      "shop.t?, shop.t12, false",
      "shop.t?, shop.t, false",
      "shop.t?, shop.t., true",
      "Shop.Users, shop.users, false",
  })
  void globs(String glob, String name, boolean expected) {
    assertThat(matches(glob, name)).isEqualTo(expected);
  }

  @Test
  @DisplayName("treats regex metacharacters in names literally")
  void metacharactersAreLiteral() {
    assertThat(matches("shop.a+b", "shop.a+b")).isTrue();
    assertThat(matches("shop.a+b", "shop.aab")).isFalse();
    assertThat(matches("shop.users", "shopXusers")).isFalse();
    assertThat(matches("db.[ab]", "db.a")).isFalse();
    assertThat(matches("db.[ab]", "db.[ab]")).isTrue();
    assertThat(matches("db.t$(x)^|y", "db.t$(x)^|y")).isTrue();
    assertThat(matches("db.t\\E.*", "db.t\\E.x")).isTrue();
    assertThat(matches("db.t\\E.*", "db.tE.x")).isFalse();
    assertThat(matches("db.{1}", "db.{1}")).isTrue();
  }

  @Test
  @DisplayName("* matches across new lines too")
  void starMatchesNewLines() {
    assertThat(matches("db.*", "db.a\nb")).isTrue();
  }

  @ParameterizedTest(name = "rejects ''{0}'' naming the setting")
  @ValueSource(strings = {"", " ", "shop. users", "shop.users ", "\t"})
  void rejectsBlank(String glob) {
    assertThatThrownBy(() -> NamePattern.of(glob, "TableFilter.include"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TableFilter.include: ")
        .hasMessageContaining("'" + glob + "'");
  }

  @Test
  @DisplayName("rejects null naming the setting")
  void rejectsNull() {
    assertThatThrownBy(() -> NamePattern.of(null, "RetentionPolicy.keep"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("RetentionPolicy.keep");
  }

  @Test
  @DisplayName("prints its glob")
  void printing() {
    assertThat(NamePattern.of("shop.*", "x")).hasToString("shop.*");
  }
}
