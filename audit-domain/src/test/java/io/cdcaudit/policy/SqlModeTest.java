package io.cdcaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SqlMode")
class SqlModeTest {

  @Test
  @DisplayName("the default is MySQL's: backslash escapes on, double quotes around strings")
  void defaults() {
    assertThat(SqlMode.DEFAULT.backslashEscapes()).isTrue();
    assertThat(SqlMode.DEFAULT.ansiQuotes()).isFalse();
    assertThat(SqlMode.of("")).isEqualTo(SqlMode.DEFAULT);
    assertThat(SqlMode.of("STRICT_TRANS_TABLES,ONLY_FULL_GROUP_BY,ERROR_FOR_DIVISION_BY_ZERO")).isEqualTo(SqlMode.DEFAULT);
  }

  @Test
  @DisplayName("reads NO_BACKSLASH_ESCAPES from a server's sql_mode, in any case and with blanks")
  void noBackslashEscapes() {
    SqlMode mode = SqlMode.of("STRICT_TRANS_TABLES, no_backslash_escapes");
    assertThat(mode.backslashEscapes()).isFalse();
    assertThat(mode.ansiQuotes()).isFalse();
    assertThat(mode).isEqualTo(SqlMode.of("NO_BACKSLASH_ESCAPES")).hasSameHashCodeAs(SqlMode.of("NO_BACKSLASH_ESCAPES"));
    assertThat(mode).hasToString("SqlMode[NO_BACKSLASH_ESCAPES]");
  }

  @Test
  @DisplayName("reads ANSI_QUOTES, also from the modes that include it")
  void ansiQuotes() {
    assertThat(SqlMode.of("ANSI_QUOTES").ansiQuotes()).isTrue();
    assertThat(SqlMode.of("ANSI").ansiQuotes()).isTrue();
    assertThat(SqlMode.of("ORACLE").ansiQuotes()).isTrue();
    assertThat(SqlMode.of("ANSI_QUOTES,NO_BACKSLASH_ESCAPES")).hasToString("SqlMode[NO_BACKSLASH_ESCAPES,ANSI_QUOTES]");
    assertThat(SqlMode.DEFAULT).hasToString("SqlMode[DEFAULT]");
  }

  @Test
  @DisplayName("rejects a value that is not a list of sql_mode names, naming the setting and the value")
  void rejects() {
    assertThatThrownBy(() -> SqlMode.of("NO BACKSLASH"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SqlMode")
        .hasMessageContaining("NO BACKSLASH");
    assertThatThrownBy(() -> SqlMode.of("ANSI,,STRICT_ALL_TABLES"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ANSI,,STRICT_ALL_TABLES");
    assertThatThrownBy(() -> SqlMode.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("SqlMode");
  }
}
