package io.cdcaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.event.TableRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TableFilter")
class TableFilterTest {

  private static final TableRef USERS = TableRef.of("shop", "users");
  private static final TableRef ORDERS = TableRef.of("shop", "orders");
  private static final TableRef TMP = TableRef.of("shop", "tmp_import");
  private static final TableRef BILLING = TableRef.of("billing", "invoices");

  @Test
  @DisplayName("all() accepts every table")
  void all() {
    assertThat(TableFilter.all().accepts(USERS)).isTrue();
    assertThat(TableFilter.all().accepts(TableRef.of("shop", ""))).isTrue();
  }

  @Test
  @DisplayName("with includes accepts only matching tables")
  void includes() {
    TableFilter f = TableFilter.builder().include("shop.users", "billing.*").build();
    assertThat(f.accepts(USERS)).isTrue();
    assertThat(f.accepts(BILLING)).isTrue();
    assertThat(f.accepts(ORDERS)).isFalse();
  }

  @Test
  @DisplayName("excludes win over includes")
  void excludesWin() {
    TableFilter f = TableFilter.builder().include("shop.*").exclude("*.tmp_*").build();
    assertThat(f.accepts(USERS)).isTrue();
    assertThat(f.accepts(TMP)).isFalse();
  }

  @Test
  @DisplayName("with only excludes accepts everything else")
  void onlyExcludes() {
    TableFilter f = TableFilter.builder().exclude("shop.orders").build();
    assertThat(f.accepts(USERS)).isTrue();
    assertThat(f.accepts(BILLING)).isTrue();
    assertThat(f.accepts(ORDERS)).isFalse();
  }

  @Test
  @DisplayName("matches a schema change of a whole database (empty table name) with db.*")
  void wholeDatabase() {
    TableRef shop = TableRef.of("shop", "");
    assertThat(TableFilter.builder().include("shop.*").build().accepts(shop)).isTrue();
    assertThat(TableFilter.builder().include("shop.``").build().accepts(shop)).isTrue();
    assertThat(TableFilter.builder().include("shop.users").build().accepts(shop)).isFalse();
    assertThat(TableFilter.builder().exclude("shop.?*").build().accepts(shop)).isTrue();
  }

  @Test
  @DisplayName("refuses a pattern without its table part, which would audit nothing")
  void refusesDatabaseOnly() {
    assertThatThrownBy(() -> TableFilter.builder().include("shop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("TableFilter.include: 'shop' has 1 part; a table pattern is database.table");
    assertThatThrownBy(() -> TableFilter.builder().exclude("^shop\\..*$"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("looks like a regular expression");
  }

  @Test
  @DisplayName("matches table names case-insensitively")
  void caseInsensitive() {
    TableFilter f = TableFilter.builder().include("Shop.*").exclude("*.TMP_*").build();
    assertThat(f.accepts(USERS)).isTrue();
    assertThat(f.accepts(TMP)).isFalse();
  }

  @Test
  @DisplayName("lists the patterns that matched no table yet, includes first")
  void idleRules() {
    TableFilter f = TableFilter.builder().include("shop.*", "shpo.*").exclude("*.tmp_*", "*.temp_*").build();
    f.accepts(USERS);
    f.accepts(TMP);
    assertThat(f.idleRules()).containsExactly("TableFilter.include shpo.*", "TableFilter.exclude *.temp_*");
  }

  @Test
  @DisplayName("rejects blank patterns naming include or exclude")
  void rejectsBlank() {
    assertThatThrownBy(() -> TableFilter.builder().include(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TableFilter.include");
    assertThatThrownBy(() -> TableFilter.builder().exclude("shop. users"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TableFilter.exclude");
  }

  @Test
  @DisplayName("treats regex metacharacters in table names literally")
  void literalNames() {
    TableFilter f = TableFilter.builder().include("shop.user$").build();
    assertThat(f.accepts(TableRef.of("shop", "user$"))).isTrue();
    assertThat(f.accepts(TableRef.of("shop", "user"))).isFalse();
  }
}
