package io.cdcaudit.store.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.TestEvents;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQuery;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IndexKey: where a record is found, the same for writes and queries")
class IndexKeyTest {

  private static final Row ALICE = Row.builder().put("id", 1).put("name", "alice").build();

  @Test
  @DisplayName("a record with a key, an actor and a transaction is found by every kind of query")
  void everyKind() {
    ChangeEvent event = TestEvents.base(Operation.INSERT, "a").primaryKey(PrimaryKey.of("id", 1)).after(ALICE)
        .transaction(new TransactionRef("tx-9", 0, true)).build();
    AuditRecord record = AuditRecord.of(event, TestEvents.T0).withActor(Actor.of("alice", Actor.Source.SQL_COMMENT));

    List<IndexKey> keys = IndexKey.allOf(record);

    assertThat(keys).containsExactly(
        IndexKey.of(AuditQuery.rowHistory(TestEvents.USERS, PrimaryKey.of("id", 1))),
        IndexKey.of(AuditQuery.byActor("alice")),
        IndexKey.of(AuditQuery.byTable(TestEvents.USERS)),
        IndexKey.of(AuditQuery.byTransaction("tx-9")));
    assertThat(keys.get(0).parts()).containsExactly("shop", "users", PrimaryKey.of("id", 1).canonical());
  }

  @Test
  @DisplayName("an unknown actor, no transaction and no key: found only by table")
  void onlyByTable() {
    ChangeEvent truncate = TestEvents.base(Operation.TRUNCATE, "t").build();

    assertThat(IndexKey.allOf(AuditRecord.of(truncate, TestEvents.T0)))
        .containsExactly(new IndexKey(AuditQuery.Kind.BY_TABLE, List.of("shop", "users")));
  }

  @Test
  @DisplayName("a change that moved its row is in the history of the old key too")
  void movedRow() {
    Row after = Row.builder().put("id", 2).put("name", "alice").build();
    ChangeEvent moved = TestEvents.base(Operation.UPDATE, "m").primaryKey(PrimaryKey.of("id", 2)).before(ALICE)
        .after(after).build();

    List<IndexKey> rows = IndexKey.allOf(AuditRecord.of(moved, TestEvents.T0)).stream()
        .filter(k -> k.kind() == AuditQuery.Kind.ROW_HISTORY).toList();

    assertThat(rows).containsExactly(
        IndexKey.of(AuditQuery.rowHistory(TestEvents.USERS, PrimaryKey.of("id", 2))),
        IndexKey.of(AuditQuery.rowHistory(TestEvents.USERS, PrimaryKey.of("id", 1))));
  }

  @Test
  @DisplayName("database and table stay two parts: a.`b.c` and `a.b`.c are two keys")
  void dottedNames() {
    IndexKey one = IndexKey.of(AuditQuery.byTable(TableRef.of("a", "b.c")));
    IndexKey two = IndexKey.of(AuditQuery.byTable(TableRef.of("a.b", "c")));

    assertThat(one).isNotEqualTo(two);
    assertThat(one.joined()).isNotEqualTo(two.joined());
    assertThat(one.joined()).isEqualTo("BY_TABLE\u0000a\u0000b.c");
  }

  @Test
  @DisplayName("keys of different kinds never join to the same text")
  void kindsApart() {
    assertThat(IndexKey.of(AuditQuery.byActor("x")).joined()).isNotEqualTo(IndexKey.of(AuditQuery.byTransaction("x")).joined());
  }
}
