package io.cdcaudit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmallEventTypesTest {

  @Nested
  @DisplayName("TableRef")
  class TableRefs {

    @Test
    @DisplayName("parses db.table at the first dot")
    void parses() {
      assertThat(TableRef.parse("shop.users")).isEqualTo(TableRef.of("shop", "users"));
      assertThat(TableRef.parse("shop.users.archive")).isEqualTo(TableRef.of("shop", "users.archive"));
    }

    @ParameterizedTest(name = "rejects ''{0}'' naming it")
    @ValueSource(strings = {"shop", ".users", "shop.", "", "."})
    void rejectsMalformed(String name) {
      assertThatThrownBy(() -> TableRef.parse(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("database.table")
          .hasMessageContaining("'" + name + "'");
    }

    @Test
    @DisplayName("rejects null parts")
    void rejectsNull() {
      assertThatThrownBy(() -> TableRef.parse(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> TableRef.of(null, "t")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> TableRef.of("db", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("prints db.table, or db alone for a whole database")
    void qualifiedName() {
      assertThat(TableRef.of("shop", "users").qualifiedName()).isEqualTo("shop.users");
      assertThat(TableRef.of("shop", "users")).hasToString("shop.users");
      assertThat(TableRef.of("shop", "").qualifiedName()).isEqualTo("shop");
    }

    @Test
    @DisplayName("keeps the case of names")
    void caseSensitive() {
      assertThat(TableRef.parse("Shop.Users")).isNotEqualTo(TableRef.parse("shop.users"));
    }
  }

  @Nested
  @DisplayName("Operation")
  class Operations {

    @ParameterizedTest(name = "{0} round-trips through its wire name")
    @EnumSource(Operation.class)
    void roundTrip(Operation op) {
      assertThat(Operation.fromWireName(op.wireName())).isSameAs(op);
      assertThat(op.wireName()).isEqualTo(op.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    @DisplayName("SCHEMA_CHANGE is schema_change on the wire")
    void schemaChange() {
      assertThat(Operation.SCHEMA_CHANGE.wireName()).isEqualTo("schema_change");
    }

    @Test
    @DisplayName("an unknown or upper-case wire name is rejected, naming it")
    void unknown() {
      assertThatThrownBy(() -> Operation.fromWireName("upsert"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'upsert'");
      assertThatThrownBy(() -> Operation.fromWireName("INSERT")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("only insert, update, delete and snapshot are row changes")
    void rowChanges() {
      assertThat(Operation.INSERT.isRowChange()).isTrue();
      assertThat(Operation.UPDATE.isRowChange()).isTrue();
      assertThat(Operation.DELETE.isRowChange()).isTrue();
      assertThat(Operation.SNAPSHOT.isRowChange()).isTrue();
      assertThat(Operation.TRUNCATE.isRowChange()).isFalse();
      assertThat(Operation.SCHEMA_CHANGE.isRowChange()).isFalse();
    }
  }

  @Nested
  @DisplayName("TransactionRef")
  class Transactions {

    @Test
    @DisplayName("rejects a null or empty id")
    void rejectsEmptyId() {
      assertThatThrownBy(() -> TransactionRef.of(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> TransactionRef.of(""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("transaction id");
    }

    @Test
    @DisplayName("rejects a position below -1, naming it")
    void rejectsBadPosition() {
      assertThatThrownBy(() -> new TransactionRef("42", -2, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("position")
          .hasMessageContaining("-2");
    }

    @Test
    @DisplayName("of(id) has an unknown position and is not last")
    void ofId() {
      TransactionRef tx = TransactionRef.of("42");
      assertThat(tx.position()).isEqualTo(-1);
      assertThat(tx.positionInTransaction()).isEmpty();
      assertThat(tx.last()).isFalse();
      assertThat(new TransactionRef("42", 0, false).positionInTransaction()).hasValue(0);
    }
  }

  @Nested
  @DisplayName("SourcePosition")
  class Positions {

    @Test
    @DisplayName("rejects an offset below -1, naming binlogOffset")
    void rejectsBadOffset() {
      assertThatThrownBy(() -> new SourcePosition(1L, "mysql-bin.000001", -2, 0, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("binlogOffset");
    }

    @Test
    @DisplayName("rejects a row below -1, naming row")
    void rejectsBadRow() {
      assertThatThrownBy(() -> new SourcePosition(1L, "mysql-bin.000001", 4, -2, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("row");
    }

    @Test
    @DisplayName("treats an empty file or GTID as unknown")
    void emptyIsUnknown() {
      SourcePosition p = new SourcePosition(null, "", 4, 0, "");
      assertThat(p.binlogFile()).isNull();
      assertThat(p.gtid()).isNull();
      assertThat(p.hasBinlogCoordinates()).isFalse();
      assertThat(p.gtidIfKnown()).isEmpty();
    }

    @Test
    @DisplayName("has binlog coordinates only with both a file and an offset")
    void coordinates() {
      assertThat(new SourcePosition(null, "mysql-bin.000001", 4, -1, null).hasBinlogCoordinates()).isTrue();
      assertThat(new SourcePosition(null, "mysql-bin.000001", -1, -1, null).hasBinlogCoordinates()).isFalse();
      assertThat(SourcePosition.UNKNOWN.hasBinlogCoordinates()).isFalse();
    }

    @Test
    @DisplayName("prints what it knows")
    void printing() {
      assertThat(SourcePosition.UNKNOWN).hasToString("unknown");
      assertThat(new SourcePosition(7L, "mysql-bin.000001", 4, 2, "0-1-5"))
          .hasToString("server 7 mysql-bin.000001:4 row 2 gtid 0-1-5");
      assertThat(new SourcePosition(null, null, -1, -1, "0-1-5")).hasToString("gtid 0-1-5");
    }
  }

  @Nested
  @DisplayName("FieldChange")
  class FieldChanges {

    @Test
    @DisplayName("needs a column name and both values")
    void validation() {
      assertThatThrownBy(() -> new FieldChange("", Value.NULL, Value.NULL)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new FieldChange("a", null, Value.NULL)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new FieldChange("a", Value.NULL, null)).isInstanceOf(NullPointerException.class);
    }
  }
}
