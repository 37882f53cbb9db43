package io.cdcaudit.trail;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.SortOrder;
import io.cdcaudit.store.TimeRange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The questions an auditor asks, answered from a store's {@link AuditQueries}: a row's history,
 * its state at a time, the changes of an actor, of a table in a time range, of a transaction.
 */
public final class AuditTrail {

  private static final int STREAM_PAGE = 500;

  private final AuditQueries queries;

  private AuditTrail(AuditQueries queries) {
    this.queries = queries;
  }

  /**
   * The trail kept in a store that answers queries ({@code MongoAuditStore},
   * {@code CassandraAuditStore}, {@code InMemoryAuditStore}).
   *
   * @param queries the store's query side
   * @return the trail
   */
  public static AuditTrail over(AuditQueries queries) {
    return new AuditTrail(Objects.requireNonNull(queries, "queries"));
  }

  /**
   * One page of a row's changes, including an update that moved the row to or from this key.
   *
   * @param table the row's table
   * @param key the row's primary key
   * @param page the size, order and cursor of the page
   * @return the records and the cursor of the next page
   */
  public Page<AuditRecord> history(TableRef table, PrimaryKey key, PageRequest page) {
    return queries.find(AuditQuery.rowHistory(table, key), page);
  }

  /**
   * The row as it was at {@code at} (changes committed at or before it count), or empty when the
   * trail has no change of the row until then. Any instant may be asked, {@link Instant#MAX}
   * included. After an update that moved the row to another key the row no longer exists under
   * the old one. A TRUNCATE of the table is not reflected.
   *
   * @param table the row's table
   * @param key the row's primary key
   * @param at the point in time
   * @return the row's state and the change that made it so, or empty
   */
  public Optional<RowState> stateAt(TableRef table, PrimaryKey key, Instant at) {
    Objects.requireNonNull(at, "at");
    TimeRange untilAt = at.isBefore(ChangeEvent.LATEST_COMMIT_TIME)
        ? TimeRange.before(at.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS))
        : TimeRange.all();
    Page<AuditRecord> latest = queries.find(AuditQuery.rowHistory(table, key).within(untilAt), PageRequest.newestFirst(1));
    if (latest.items().isEmpty()) {
      return Optional.empty();
    }
    AuditRecord last = latest.items().get(0);
    if (last.event().previousKey().filter(key::equals).isPresent()) {
      return Optional.of(new RowState(Row.EMPTY, last, false)); // moved away from this key
    }
    return Optional.of(new RowState(last.event().after(), last));
  }

  /**
   * One page of the changes an actor made in a time range.
   *
   * @param actor the actor's name, as resolvers recorded it
   * @param range the commit times to search
   * @param page the size, order and cursor of the page
   * @return the records and the cursor of the next page
   */
  public Page<AuditRecord> byActor(String actor, TimeRange range, PageRequest page) {
    return queries.find(AuditQuery.byActor(actor).within(range), page);
  }

  /**
   * One page of a table's changes in a time range.
   *
   * @param table the table
   * @param range the commit times to search
   * @param page the size, order and cursor of the page
   * @return the records and the cursor of the next page
   */
  public Page<AuditRecord> byTable(TableRef table, TimeRange range, PageRequest page) {
    return queries.find(AuditQuery.byTable(table).within(range), page);
  }

  /**
   * One page of a transaction's changes.
   *
   * @param transactionId the id the producer gave ({@link io.cdcaudit.event.TransactionRef#id()})
   * @param page the size, order and cursor of the page
   * @return the records and the cursor of the next page
   */
  public Page<AuditRecord> byTransaction(String transactionId, PageRequest page) {
    return queries.find(AuditQuery.byTransaction(transactionId), page);
  }

  /**
   * All records of {@code query}, fetched page by page (500 a page) as the stream is consumed, so
   * that a long history never has to fit in memory.
   *
   * @param query what to find
   * @param order the order of the records
   * @return a lazy, sequential stream
   */
  public Stream<AuditRecord> stream(AuditQuery query, SortOrder order) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(order, "order");
    Iterator<AuditRecord> pages = new Iterator<>() {
      private PageRequest request = new PageRequest(STREAM_PAGE, order, null);
      private Iterator<AuditRecord> current = List.<AuditRecord>of().iterator();
      private boolean more = true;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && more) {
          Page<AuditRecord> page = queries.find(query, request);
          current = page.items().iterator();
          more = page.hasNext();
          if (more) {
            request = request.next(page.nextCursor());
          }
        }
        return current.hasNext();
      }

      @Override
      public AuditRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
