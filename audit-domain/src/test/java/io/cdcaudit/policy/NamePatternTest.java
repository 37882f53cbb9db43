package io.cdcaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.TableRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("NamePattern")
class NamePatternTest {

  private static boolean table(String glob, String database, String table) {
    return NamePattern.forTables(glob, "test").matches(TableRef.of(database, table));
  }

  private static boolean column(String glob, String database, String table, String column) {
    return NamePattern.forColumns(glob, "test").matches(TableRef.of(database, table), column);
  }

  @Nested
  @DisplayName("matches")
  class Matching {

    @ParameterizedTest(name = "''{0}'' matches {1}.{2}: {3}")
    @CsvSource({
        "shop.users, shop, users, true",
        "shop.users, shop, user, false",
        "shop.users, shop, usersx, false",
        "shop.*, shop, users, true",
        "shop.*, shop, '', true",
        "shop.*, shopx, users, false",
        "*.tmp_*, a, tmp_1, true",
        "*.tmp_*, a, tm, false",
        "shop.t?, shop, t1, true",
        "shop.t?, shop, t12, false",
        "shop.t?, shop, t, false",
        "*.*, anything, at, true",
    })
    void tables(String glob, String database, String table, boolean expected) {
      assertThat(table(glob, database, table)).isEqualTo(expected);
    }

    @Test
    @DisplayName("each part against its own name: * does not reach into the next")
    void partByPart() {
      assertThat(column("*.users.email", "shop", "users", "email")).isTrue();
      assertThat(column("*.users.email", "shop", "users", "email2")).isFalse();
      assertThat(column("*.*.email", "shop", "users", "email")).isTrue();
      assertThat(column("shop.*.ssn", "shop", "a", "ssn")).isTrue();
      assertThat(table("shop.*", "shop", "a.b")).isTrue(); // a dotted table name is one name
      assertThat(table("shop.a", "shop.a", "b")).isFalse();
    }

    @Test
    @DisplayName("case-insensitively, as MySQL and MariaDB compare column names")
    void caseInsensitive() {
      assertThat(table("Shop.Users", "shop", "users")).isTrue();
      assertThat(column("*.users.EMAIL", "shop", "Users", "email")).isTrue();
      assertThat(column("*.*.straße", "a", "b", "STRASSE")).isFalse(); // folds case, not spelling
      assertThat(column("*.*.ÉTÉ", "a", "b", "été")).isTrue();
    }

    @Test
    @DisplayName("names quoted in backticks, dots and blanks included")
    void backticks() {
      assertThat(table("`my.db`.orders", "my.db", "orders")).isTrue();
      assertThat(table("`my.db`.orders", "my", "db.orders")).isFalse();
      assertThat(column("shop.`order lines`.`a``b`", "shop", "order lines", "a`b")).isTrue();
      assertThat(table("shop.``", "shop", "")).isTrue();
      assertThat(table("`shop(1)`.*", "shop(1)", "t")).isTrue();
    }

    @Test
    @DisplayName("characters other than * and ? match themselves")
    void literalCharacters() {
      assertThat(table("shop.user$", "shop", "user$")).isTrue();
      assertThat(table("shop.user$", "shop", "user")).isFalse();
      assertThat(table("db.`[ab]`", "db", "a")).isFalse();
      assertThat(table("db.`[ab]`", "db", "[ab]")).isTrue();
      assertThat(table("db.`t\\E`", "db", "t\\E")).isTrue();
    }

    @Test
    @DisplayName("* matches across new lines too")
    void starMatchesNewLines() {
      assertThat(table("db.*", "db", "a\nb")).isTrue();
    }
  }

  @Nested
  @DisplayName("refuses, naming the setting")
  class Refusing {

    @ParameterizedTest(name = "table pattern ''{0}''")
    @ValueSource(strings = {"shop", "shop.users.email", "*", "shop.", ".users", "shop..users"})
    void wrongNumberOfParts(String glob) {
      assertThatThrownBy(() -> NamePattern.forTables(glob, "TableFilter.include"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("TableFilter.include: '" + glob + "'")
          .hasMessageContaining("a table pattern is database.table");
    }

    @ParameterizedTest(name = "column pattern ''{0}''")
    @ValueSource(strings = {"users.password_hash", "*.email", "password", "a.b.c.d"})
    void columnWithoutItsParts(String glob) {
      assertThatThrownBy(() -> NamePattern.forColumns(glob, "ColumnPolicy.exclude"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ColumnPolicy.exclude: '" + glob + "' has ")
          .hasMessageContaining("a column pattern is database.table.column");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"^.*password.*$", "*.*.(ssn|sin)", "*.*.pass[a-z]+", "*.*.x{2}", "*.*.a\\d"})
    void regularExpressions(String glob) {
      assertThatThrownBy(() -> NamePattern.forColumns(glob, "ColumnPolicy.mask"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ColumnPolicy.mask: '" + glob + "' looks like a regular expression");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "shop. users", "shop.users ", "\t"})
    void blanks(String glob) {
      assertThatThrownBy(() -> NamePattern.forTables(glob, "TableFilter.include"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("TableFilter.include: '" + glob + "'");
    }

    @Test
    @DisplayName("an unclosed backtick")
    void unclosedBacktick() {
      assertThatThrownBy(() -> NamePattern.forTables("`shop.users", "RetentionPolicy.keep"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("RetentionPolicy.keep: '`shop.users' has an unclosed backtick");
    }

    @Test
    @DisplayName("null")
    void rejectsNull() {
      assertThatThrownBy(() -> NamePattern.forTables(null, "RetentionPolicy.keep"))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("RetentionPolicy.keep");
    }

    @Test
    @DisplayName("a column pattern asked about a table, and the other way round")
    void arityOfTheQuestion() {
      assertThatThrownBy(() -> NamePattern.forColumns("*.*.a", "x").matches(TableRef.of("a", "b")))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> NamePattern.forTables("*.*", "x").matches(TableRef.of("a", "b"), "c"))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  @DisplayName("covers a pattern whose every part it matches: * or the same name")
  void covers() {
    assertThat(NamePattern.forTables("*.*", "x").covers(NamePattern.forTables("shop.orders", "x"))).isTrue();
    assertThat(NamePattern.forTables("shop.*", "x").covers(NamePattern.forTables("SHOP.orders", "x"))).isTrue();
    assertThat(NamePattern.forTables("shop.orders", "x").covers(NamePattern.forTables("shop.*", "x"))).isFalse();
    assertThat(NamePattern.forTables("shop.o*", "x").covers(NamePattern.forTables("shop.orders", "x"))).isFalse();
  }

  @Test
  @DisplayName("prints its glob")
  void printing() {
    assertThat(NamePattern.forTables("shop.*", "x")).hasToString("shop.*");
  }
}
