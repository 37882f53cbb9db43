package io.cdcaudit.mongo.internal;

import static io.cdcaudit.mongo.internal.Fields.ACTOR_NAME;
import static io.cdcaudit.mongo.internal.Fields.DATABASE;
import static io.cdcaudit.mongo.internal.Fields.EXPIRES_AT;
import static io.cdcaudit.mongo.internal.Fields.EXPIRES_AT_MICROS;
import static io.cdcaudit.mongo.internal.Fields.PK;
import static io.cdcaudit.mongo.internal.Fields.SORT_KEY;
import static io.cdcaudit.mongo.internal.Fields.TABLE_NAME;
import static io.cdcaudit.mongo.internal.Fields.TX_ID;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.support.SortKeyRange;
import java.time.Instant;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * The filters and sorts of the store's reads and purges. Every value from a query (a table name, a
 * key, an actor) goes in as a typed BSON string, never as text that MongoDB would parse: an actor
 * called {@code {"$ne": null}} is just a name that matches nobody.
 */
public final class QueryFilters {

  /** The equality fields of each kind of query; a new kind fails to compile here. */
  private static final AuditQuery.Visitor<BsonDocument> EQUALITIES = new AuditQuery.Visitor<>() {
    @Override
    public BsonDocument rowHistory(AuditQuery.RowHistory q) {
      // pk is an array of canonical keys: equality with a string matches a document holding that exact element.
      return table(q.table()).append(PK, new BsonString(q.key().canonical()));
    }

    @Override
    public BsonDocument byActor(AuditQuery.ByActor q) {
      return new BsonDocument(ACTOR_NAME, new BsonString(q.actor()));
    }

    @Override
    public BsonDocument byTable(AuditQuery.ByTable q) {
      return table(q.table());
    }

    @Override
    public BsonDocument byTransaction(AuditQuery.ByTransaction q) {
      return new BsonDocument(TX_ID, new BsonString(q.transactionId()));
    }
  };

  private QueryFilters() {}

  /**
   * The filter of one page of {@code query}: the query's equality fields plus the page's
   * {@link SortKeyRange} over the sort key, each bound with its own inclusivity.
   */
  public static BsonDocument page(AuditQuery query, PageRequest page) {
    BsonDocument filter = query.accept(EQUALITIES);
    SortKeyRange keys = SortKeyRange.of(query.range(), page);
    BsonDocument range = new BsonDocument();
    keys.lower().ifPresent(b -> range.append(b.inclusive() ? "$gte" : "$gt", new BsonString(b.key())));
    keys.upper().ifPresent(b -> range.append(b.inclusive() ? "$lte" : "$lt", new BsonString(b.key())));
    if (!range.isEmpty()) {
      filter.append(SORT_KEY, range);
    }
    return filter;
  }

  /** The sort of a page: by sort key, in the requested order. */
  public static BsonDocument sort(SortOrder order) {
    return new BsonDocument(SORT_KEY, new BsonInt32(order == SortOrder.OLDEST_FIRST ? 1 : -1));
  }

  /**
   * The records whose deadline is at or before {@code now}, to the microsecond. Records without a
   * deadline (kept forever, or under legal hold) have no {@code expiresAt} and never match. The
   * date condition is implied by the exact one; it is there so the TTL index can serve the purge.
   */
  public static BsonDocument expiredAt(Instant now) {
    // Any instant: one beyond what a long of microseconds holds (Instant.MAX, Instant.MIN) is beyond every deadline.
    long nowMicros = saturatedMicros(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    long nowMillisRoundedUp = nowMicros == Long.MAX_VALUE || nowMicros == Long.MIN_VALUE
        ? nowMicros
        : -Math.floorDiv(-nowMicros, 1000);
    return new BsonDocument(EXPIRES_AT, new BsonDocument("$lte", new BsonDateTime(nowMillisRoundedUp)))
        .append(EXPIRES_AT_MICROS, new BsonDocument("$lte", new BsonInt64(nowMicros)));
  }

  private static long saturatedMicros(Instant t) {
    try {
      return AuditDocumentCodec.micros(t);
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Database and table as two equalities: never a dotted name, which would conflate a.`b.c` with `a.b`.c. */
  private static BsonDocument table(TableRef table) {
    return new BsonDocument(DATABASE, new BsonString(table.database())).append(TABLE_NAME, new BsonString(table.table()));
  }
}
