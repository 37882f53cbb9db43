package io.cdcaudit.event;

import static io.cdcaudit.TestEvents.T0;
import static io.cdcaudit.TestEvents.USERS;
import static io.cdcaudit.TestEvents.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourcePartition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ChangeEvent")
class ChangeEventTest {

  private static final Row ROW = Row.builder().put("id", 1).put("name", "alice").build();
  private static final Row ROW2 = Row.builder().put("id", 1).put("name", "bob").build();

  private static ChangeEvent.Builder complete() {
    return ChangeEvent.builder()
        .id(EventId.of("e1"))
        .producer("debezium")
        .table(USERS)
        .operation(Operation.INSERT)
        .committedAt(T0)
        .after(ROW);
  }

  @Nested
  @DisplayName("builder")
  class Builder {

    static Stream<Arguments> requiredFields() {
      return Stream.of(
          Arguments.of("id", (Consumer<ChangeEvent.Builder>) b -> b.id(null)),
          Arguments.of("producer", (Consumer<ChangeEvent.Builder>) b -> b.producer(null)),
          Arguments.of("table", (Consumer<ChangeEvent.Builder>) b -> b.table(null)),
          Arguments.of("operation", (Consumer<ChangeEvent.Builder>) b -> b.operation(null)),
          Arguments.of("committedAt", (Consumer<ChangeEvent.Builder>) b -> b.committedAt(null)));
    }

    @ParameterizedTest(name = "names the missing field {0}")
    @MethodSource("requiredFields")
    void namesMissingField(String field, Consumer<ChangeEvent.Builder> unset) {
      ChangeEvent.Builder b = complete();
      unset.accept(b);
      assertThatThrownBy(b::build)
          .isInstanceOf(NullPointerException.class)
          .hasMessage("ChangeEvent." + field + " is required");
    }

    @Test
    @DisplayName("fills optional parts with their 'unknown' values")
    void defaults() {
      ChangeEvent e = complete().build();
      assertThat(e.position()).isSameAs(SourcePosition.UNKNOWN);
      assertThat(e.primaryKey()).isSameAs(PrimaryKey.NONE);
      assertThat(e.before()).isSameAs(Row.EMPTY);
      assertThat(e.transaction()).isEmpty();
      assertThat(e.statement()).isEmpty();
      assertThat(e.connectionId()).isEmpty();
      assertThat(e.sourceOrder()).isEmpty();
    }

    @Test
    @DisplayName("keeps every given part")
    void keepsParts() {
      SourcePosition pos = new SourcePosition(7L, "mysql-bin.000001", 4, 0, null);
      TransactionRef tx = new TransactionRef("99", 2, true);
      ChangeEvent e = complete()
          .position(pos)
          .transaction(tx)
          .primaryKey(PrimaryKey.of("id", 1))
          .statement("INSERT ...")
          .connectionId(12L)
          .build();
      assertThat(e.position()).isEqualTo(pos);
      assertThat(e.transaction()).contains(tx);
      assertThat(e.primaryKey()).isEqualTo(PrimaryKey.of("id", 1));
      assertThat(e.statement()).contains("INSERT ...");
      assertThat(e.connectionId()).hasValue(12L);
      assertThat(e.producer()).isEqualTo("debezium");
      assertThat(e.after()).isEqualTo(ROW);
    }

    @Test
    @DisplayName("truncates the commit time to microseconds")
    void truncatesToMicros() {
      ChangeEvent e = complete().committedAt(Instant.parse("2025-03-01T09:15:00.123456789Z")).build();
      assertThat(e.committedAt()).isEqualTo(Instant.parse("2025-03-01T09:15:00.123456Z"));
    }

    @Test
    @DisplayName("toBuilder().build() gives an equal event")
    void toBuilderRoundTrip() {
      ChangeEvent e = complete().statement("s").transaction(TransactionRef.of("1")).connectionId(3L).build();
      assertThat(e.toBuilder().build()).isEqualTo(e);
    }
  }

  @Nested
  @DisplayName("images")
  class Images {

    @ParameterizedTest(name = "a {0} has no before image, and may have an empty after image")
    @EnumSource(value = Operation.class, names = {"INSERT", "SNAPSHOT"})
    void insertLike(Operation op) {
      assertThatCode(() -> base(op, "ok").after(ROW).build()).doesNotThrowAnyException();
      assertThatCode(() -> base(op, "empty-after").build()).doesNotThrowAnyException();
      assertThatThrownBy(() -> base(op, "x").before(ROW).after(ROW).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no before image")
          .hasMessageContaining("shop.users");
    }

    @Test
    @DisplayName("an update may have both images")
    void update() {
      assertThatCode(() -> base(Operation.UPDATE, "ok").before(ROW).after(ROW2).build()).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a delete has no after image, and may have an empty before image")
    void delete() {
      assertThatCode(() -> base(Operation.DELETE, "ok").before(ROW).build()).doesNotThrowAnyException();
      assertThatCode(() -> base(Operation.DELETE, "empty-before").build()).doesNotThrowAnyException();
      assertThatThrownBy(() -> base(Operation.DELETE, "x").before(ROW).after(ROW).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a delete of shop.users has no after image");
    }

    @ParameterizedTest(name = "a {0} has no images")
    @EnumSource(value = Operation.class, names = {"TRUNCATE", "SCHEMA_CHANGE"})
    void noImages(Operation op) {
      assertThatCode(() -> base(op, "ok").statement("TRUNCATE users").build()).doesNotThrowAnyException();
      assertThatThrownBy(() -> base(op, "x").before(ROW).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no before image");
      assertThatThrownBy(() -> base(op, "x").after(ROW).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no after image");
    }

    @Test
    @DisplayName("the image error names the event id")
    void namesEvent() {
      assertThatThrownBy(() -> complete().before(ROW).build()).hasMessageContaining("event e1").hasMessageContaining("an insert");
    }
  }

  @Nested
  @DisplayName("commit time")
  class CommitTime {

    @Test
    @DisplayName("is refused before 1970 and after the latest time a sort key holds, naming the table")
    void bounded() {
      assertThatThrownBy(() -> complete().committedAt(Instant.parse("1969-12-31T23:59:59Z")).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit time of shop.users");
      assertThatThrownBy(() -> complete().committedAt(Instant.parse("9999-12-31T00:00:00Z")).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5138");
      assertThat(complete().committedAt(ChangeEvent.LATEST_COMMIT_TIME).build().committedAt())
          .isEqualTo(ChangeEvent.LATEST_COMMIT_TIME);
      assertThat(complete().committedAt(Instant.parse("2262-04-12T00:00:00Z")).build()).isNotNull();
    }
  }

  @Nested
  @DisplayName("previousKey")
  class PreviousKey {

    private final Row before = Row.builder().put("id", Value.of(1)).put("name", Value.of("a")).build();

    private ChangeEvent update(Row after) {
      return complete().operation(Operation.UPDATE).primaryKey(PrimaryKey.of("id", after.get("id")))
          .before(before).after(after).build();
    }

    @Test
    @DisplayName("is the old key of an update that changed the primary key")
    void moved() {
      ChangeEvent e = update(Row.builder().put("id", Value.of(2)).put("name", Value.of("a")).build());
      assertThat(e.primaryKey()).isEqualTo(PrimaryKey.of("id", 2));
      assertThat(e.previousKey()).contains(PrimaryKey.of("id", 1));
    }

    @Test
    @DisplayName("is empty for an update that kept the key, and for other operations")
    void notMoved() {
      assertThat(update(Row.builder().put("id", Value.of(1)).put("name", Value.of("b")).build()).previousKey()).isEmpty();
      assertThat(complete().primaryKey(PrimaryKey.of("id", 1)).build().previousKey()).isEmpty();
    }

    @Test
    @DisplayName("is empty when the before image lacks a key column")
    void unknown() {
      ChangeEvent e = complete().operation(Operation.UPDATE).primaryKey(PrimaryKey.of("id", 2))
          .before(Row.builder().put("name", Value.of("a")).build()).after(Row.builder().put("id", Value.of(2)).build()).build();
      assertThat(e.previousKey()).isEmpty();
    }
  }

  @Nested
  @DisplayName("sourceOrder")
  class SourceOrder {

    private ChangeEvent at(String file, long offset, int row) {
      return complete().position(new SourcePosition(1L, file, offset, row, null)).build();
    }

    private ChangeEvent inTx(String xid, long xoffset, boolean last) {
      return complete().transaction(new TransactionRef(xid, xoffset, last)).build();
    }

    private List<String> sortedOrders(List<ChangeEvent> events) {
      List<String> orders = new ArrayList<>();
      events.forEach(e -> orders.add(e.sourceOrder()));
      Collections.sort(orders);
      return orders;
    }

    @Test
    @DisplayName("with binlog coordinates sorts by file, then offset, then row")
    void binlogOrder() {
      List<ChangeEvent> expected = List.of(
          at("mysql-bin.000001", 999, 0),
          at("mysql-bin.000001", 1000, 0),
          at("mysql-bin.000001", 1000, 2),
          at("mysql-bin.000001", 1000, 10),
          at("mysql-bin.000002", 4, 0));
      List<String> shuffled = new ArrayList<>(expected.stream().map(ChangeEvent::sourceOrder).toList());
      Collections.reverse(shuffled);
      Collections.sort(shuffled);
      assertThat(shuffled).containsExactlyElementsOf(expected.stream().map(ChangeEvent::sourceOrder).toList());
      assertThat(expected.stream().map(ChangeEvent::sourceOrder).distinct()).hasSize(5);
    }

    @Test
    @DisplayName("with binlog coordinates but no row uses the position in the transaction")
    void binlogWithTransactionPosition() {
      ChangeEvent first = complete().position(new SourcePosition(null, "mysql-bin.000001", 50, -1, null))
          .transaction(new TransactionRef("9", 1, false)).build();
      ChangeEvent last = complete().position(new SourcePosition(null, "mysql-bin.000001", 50, -1, null))
          .transaction(new TransactionRef("9", -1, true)).build();
      assertThat(first.sourceOrder()).startsWith("b:mysql-bin.000001:").isLessThan(last.sourceOrder());
    }

    private ChangeEvent delivered(SourcePartition partition, String position, String xid) {
      return complete().transaction(new TransactionRef(xid, -1, true))
          .origin(new MessageCoordinates(partition, position)).build();
    }

    @Test
    @DisplayName("without binlog coordinates never sorts by xid: MariaDB does not hand out xids in commit order")
    void xidIsNoOrder() {
      // The review's real binlog: B committed first with xid 28, A second with xid 26.
      ChangeEvent b = inTx("28", -1, true);
      ChangeEvent a = inTx("26", -1, true);
      assertThat(a.sourceOrder()).isEmpty();
      assertThat(b.sourceOrder()).isEmpty();
    }

    @Test
    @DisplayName("without binlog coordinates sorts by the offset in an ordered source partition, numerically")
    void partitionOffsetOrder() {
      SourcePartition p0 = SourcePartition.ordered("maxwell", "0");
      ChangeEvent first = delivered(p0, "9", "28");
      ChangeEvent second = delivered(p0, "10", "26");
      ChangeEvent third = delivered(p0, "123456789012", "27");
      assertThat(sortedOrders(List.of(third, second, first)))
          .containsExactly(first.sourceOrder(), second.sourceOrder(), third.sourceOrder());
      assertThat(first.sourceOrder()).startsWith("m:");
    }

    @Test
    @DisplayName("keeps Kinesis-sized sequence numbers in numeric order")
    void longSequenceNumbers() {
      SourcePartition shard = SourcePartition.ordered("stream", "shardId-000000000000");
      ChangeEvent first = delivered(shard, "49590338271490256608559692538361571095921575989136588898", "1");
      ChangeEvent second = delivered(shard, "49590338271490256608559692540925702759324208523137515618", "1");
      assertThat(first.sourceOrder()).isLessThan(second.sourceOrder()).hasSize(2 + 64);
    }

    @Test
    @DisplayName("orders the user records of KPL aggregates by sequence, then sub-sequence number")
    void aggregatedKinesisRecords() {
      SourcePartition shard = SourcePartition.ordered("stream", "shardId-000000000000");
      String seq = "49590338271490256608559692538361571095921575989136588898";
      ChangeEvent plain = delivered(shard, "49590338271490256608559692538361571095921575989136588897", "1");
      ChangeEvent sub2 = delivered(shard, seq + ":2", "1");
      ChangeEvent sub10 = delivered(shard, seq + ":10", "1");
      ChangeEvent next = delivered(shard, "49590338271490256608559692538361571095921575989136588899", "1");
      assertThat(sortedOrders(List.of(next, sub10, plain, sub2)))
          .containsExactly(plain.sourceOrder(), sub2.sourceOrder(), sub10.sourceOrder(), next.sourceOrder());
      assertThat(delivered(shard, seq + ":x", "1").sourceOrder()).isEmpty();
      assertThat(delivered(shard, seq + ":1:2", "1").sourceOrder()).isEmpty();
    }

    @Test
    @DisplayName("is empty for messages of an unordered source (an SQS standard queue) without binlog coordinates")
    void unorderedOrigin() {
      assertThat(delivered(SourcePartition.unordered("queue"), "12", "5").sourceOrder()).isEmpty();
      assertThat(delivered(SourcePartition.ordered("q.fifo", "group"), "b7c1-9e2", "5").sourceOrder()).isEmpty();
    }

    @Test
    @DisplayName("with a binlog position but no row, the Maxwell last row (commit, no xoffset) sorts after the other rows")
    void maxwellCommitRowLast() {
      SourcePosition at = new SourcePosition(1L, "mysql-bin.000001", 500, -1, null);
      ChangeEvent row0 = complete().position(at).transaction(new TransactionRef("500", 0, false)).build();
      ChangeEvent row1000 = complete().position(at).transaction(new TransactionRef("500", 1000, false)).build();
      ChangeEvent commit = complete().position(at).transaction(new TransactionRef("500", -1, true)).build();
      assertThat(sortedOrders(List.of(commit, row1000, row0)))
          .containsExactly(row0.sourceOrder(), row1000.sourceOrder(), commit.sourceOrder());
      assertThat(row0.sourceOrder()).isNotEqualTo(row1000.sourceOrder());
    }

    @Test
    @DisplayName("is empty for a non-numeric transaction id (a GTID) without binlog coordinates")
    void gtidOnly() {
      assertThat(inTx("3E11FA47-71CA-11E1-9E33-C80AA9429562:23", 0, false).sourceOrder()).isEmpty();
    }
  }

  @Nested
  @DisplayName("equality")
  class Equality {

    @Test
    @DisplayName("events built from the same values are equal with equal hash codes")
    void equal() {
      assertThat(complete().build()).isEqualTo(complete().build()).hasSameHashCodeAs(complete().build());
    }

    @Test
    @DisplayName("events that differ in any part are not equal")
    void different() {
      ChangeEvent e = complete().build();
      assertThat(e).isNotEqualTo(complete().statement("x").build());
      assertThat(e).isNotEqualTo(complete().producer("maxwell").build());
      assertThat(e).isNotEqualTo(complete().connectionId(1L).build());
      assertThat(e).isNotEqualTo(complete().transaction(TransactionRef.of("1")).build());
      assertThat(e).isNotEqualTo(complete().after(ROW2).build());
      assertThat(e).isNotEqualTo(complete().id(EventId.of("e2")).build());
      assertThat(e).isNotEqualTo(complete().committedAt(T0.plusNanos(1000)).build());
    }

    @Test
    @DisplayName("commit times that differ below a microsecond give equal events")
    void subMicroIgnored() {
      assertThat(complete().committedAt(T0.plusNanos(1)).build()).isEqualTo(complete().build());
    }

    @Test
    @DisplayName("prints operation, table, key, time and id")
    void printing() {
      assertThat(complete().primaryKey(PrimaryKey.of("id", 1)).build())
          .hasToString("insert shop.users {\"id\":1} at 2025-03-01T09:15:00Z (e1)");
    }
  }
}
