package io.cdcaudit;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import java.time.Instant;

/** Small builders of events shared by the domain tests. */
public final class TestEvents {

  public static final TableRef USERS = TableRef.of("shop", "users");
  public static final Instant T0 = Instant.parse("2025-03-01T09:15:00Z");

  private TestEvents() {}

  /** A builder with every required field set, for {@code operation} on {@code shop.users}. */
  public static ChangeEvent.Builder base(Operation operation, String idSeed) {
    return ChangeEvent.builder()
        .id(EventId.derive("test", idSeed))
        .producer("maxwell")
        .table(USERS)
        .operation(operation)
        .committedAt(T0);
  }

  public static ChangeEvent insert(Row after) {
    return base(Operation.INSERT, "insert").primaryKey(keyOf(after)).after(after).build();
  }

  public static ChangeEvent update(Row before, Row after) {
    return base(Operation.UPDATE, "update").primaryKey(keyOf(after)).before(before).after(after).build();
  }

  public static ChangeEvent delete(Row before) {
    return base(Operation.DELETE, "delete").primaryKey(keyOf(before)).before(before).build();
  }

  private static PrimaryKey keyOf(Row row) {
    return row.has("id") ? PrimaryKey.of("id", row.get("id")) : PrimaryKey.NONE;
  }
}
