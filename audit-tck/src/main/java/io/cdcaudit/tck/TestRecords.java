package io.cdcaudit.tck;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourcePartition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds audit records for tests: {@code TestRecords.row("shop.orders", 1).update(before, after).at(t).build()}.
 * Every record gets a distinct {@link EventId} unless one is given.
 */
public final class TestRecords {

  /** The commit time records get unless told otherwise: 2026-01-01T10:00:00Z. */
  public static final Instant DEFAULT_TIME = Instant.parse("2026-01-01T10:00:00Z");

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private TestRecords() {}

  /**
   * A record builder for the row with primary key {@code id=<id>} of {@code db.table}.
   *
   * @param qualifiedTable {@code db.table}
   * @param id the value of the key column {@code id}
   * @return a builder of an insert of that row
   */
  public static RecordBuilder row(String qualifiedTable, long id) {
    return new RecordBuilder(TableRef.parse(qualifiedTable), PrimaryKey.of("id", id));
  }

  /**
   * A record builder for the row with primary key {@code key} of {@code db.table}.
   *
   * @param qualifiedTable {@code db.table}
   * @param key the row's primary key
   * @return a builder of an insert of that row
   */
  public static RecordBuilder row(String qualifiedTable, PrimaryKey key) {
    return new RecordBuilder(TableRef.parse(qualifiedTable), key);
  }

  /**
   * A record builder for the row with primary key {@code key} of {@code table} (whose names may hold dots).
   *
   * @param table the table
   * @param key the row's primary key
   * @return a builder of an insert of that row
   */
  public static RecordBuilder row(TableRef table, PrimaryKey key) {
    return new RecordBuilder(Objects.requireNonNull(table, "table"), key);
  }

  /**
   * A record builder for a change of a whole table (schema change, truncate).
   *
   * @param qualifiedTable {@code db.table}
   * @return a builder; choose the operation with {@code schemaChange} or {@code truncate}
   */
  public static RecordBuilder table(String qualifiedTable) {
    return new RecordBuilder(TableRef.parse(qualifiedTable), PrimaryKey.NONE);
  }

  /**
   * A simple insert of {@code db.table} row {@code id} at {@code at}.
   *
   * @param qualifiedTable {@code db.table}
   * @param id the value of the key column {@code id}
   * @param at the commit time
   * @return the record
   */
  public static AuditRecord insert(String qualifiedTable, long id, Instant at) {
    return row(qualifiedTable, id).insert(Row.builder().put("id", id).put("name", "row " + id).build()).at(at).build();
  }

  /**
   * A row holding one value of every kind a column can have, and awkward column names.
   *
   * @return the row; stores must give it back exactly
   */
  public static Row everyKindOfValue() {
    return Row.builder()
        .put("id", 1)
        .put("nothing", Value.NULL)
        .put("flag", Value.of(true))
        .put("small", Value.of(-42))
        .put("big_unsigned", Value.of(new BigInteger("18446744073709551615")))
        .put("price", Value.of(new BigDecimal("250.00")))
        .put("tiny_fraction", Value.of(new BigDecimal("0.000000000000000001")))
        .put("name", Value.of("Björn Ørsted \u2603 \"quoted\" 'single' \\ back\nslash \uD83D\uDE00"))
        .put("empty", Value.of(""))
        .put("blob", Value.ofBytes(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0x80}))
        .put("doc", Value.ofJson("{\"a\":[1,2.50,{\"b\":null}],\"$c\":\"d\"}"))
        .put("dotted.name", Value.of("dot"))
        .put("$dollar", Value.of("dollar"))
        .put("mid$dle", Value.of("middle dollar"))
        .put("created_at", Value.of("2025-03-01 09:15:00"))
        .build();
  }

  /** Builds one {@link AuditRecord}. */
  public static final class RecordBuilder {
    private final TableRef table;
    private final PrimaryKey key;
    private Operation operation = Operation.INSERT;
    private Row before = Row.EMPTY;
    private Row after;
    private Instant at = DEFAULT_TIME;
    private Instant recordedAt;
    private EventId id;
    private TransactionRef transaction;
    private SourcePosition position = SourcePosition.UNKNOWN;
    private String statement;
    private Long connectionId;
    private String producer = "test";
    private MessageCoordinates origin;
    private Actor actor = Actor.UNKNOWN;
    private Retention retention = Retention.forever();
    private List<FieldChange> changes;

    private RecordBuilder(TableRef table, PrimaryKey key) {
      this.table = table;
      this.key = key;
    }

    /**
     * An insert of {@code row} (the default operation).
     *
     * @param row the after image
     * @return this builder
     */
    public RecordBuilder insert(Row row) {
      this.operation = Operation.INSERT;
      this.before = Row.EMPTY;
      this.after = row;
      return this;
    }

    /**
     * A snapshot read of {@code row}.
     *
     * @param row the row as read
     * @return this builder
     */
    public RecordBuilder snapshot(Row row) {
      insert(row);
      this.operation = Operation.SNAPSHOT;
      return this;
    }

    /**
     * An update from {@code oldRow} to {@code newRow}.
     *
     * @param oldRow the before image
     * @param newRow the after image
     * @return this builder
     */
    public RecordBuilder update(Row oldRow, Row newRow) {
      this.operation = Operation.UPDATE;
      this.before = oldRow;
      this.after = newRow;
      return this;
    }

    /**
     * A delete of {@code oldRow}.
     *
     * @param oldRow the before image
     * @return this builder
     */
    public RecordBuilder delete(Row oldRow) {
      this.operation = Operation.DELETE;
      this.before = oldRow;
      this.after = Row.EMPTY;
      return this;
    }

    /**
     * A schema change; the DDL becomes the statement.
     *
     * @param ddl the DDL statement
     * @return this builder
     */
    public RecordBuilder schemaChange(String ddl) {
      this.operation = Operation.SCHEMA_CHANGE;
      this.before = Row.EMPTY;
      this.after = Row.EMPTY;
      this.statement = ddl;
      return this;
    }

    /**
     * A truncate of the table.
     *
     * @return this builder
     */
    public RecordBuilder truncate() {
      this.operation = Operation.TRUNCATE;
      this.before = Row.EMPTY;
      this.after = Row.EMPTY;
      return this;
    }

    /**
     * Commit time.
     *
     * @param committedAt when the change was committed
     * @return this builder
     */
    public RecordBuilder at(Instant committedAt) {
      this.at = committedAt;
      return this;
    }

    /**
     * When the record was made (default 250 ms after the commit time).
     *
     * @param when the recording time
     * @return this builder
     */
    public RecordBuilder recordedAt(Instant when) {
      this.recordedAt = when;
      return this;
    }

    /**
     * The event id (default: derived from the table, key, operation, time and a sequence number).
     *
     * @param eventId the id
     * @return this builder
     */
    public RecordBuilder id(EventId eventId) {
      this.id = eventId;
      return this;
    }

    /**
     * The event id, as text.
     *
     * @param eventId the id's text
     * @return this builder
     */
    public RecordBuilder id(String eventId) {
      return id(EventId.of(eventId));
    }

    /**
     * The transaction of the change.
     *
     * @param tx the transaction
     * @return this builder
     */
    public RecordBuilder transaction(TransactionRef tx) {
      this.transaction = tx;
      return this;
    }

    /**
     * The transaction of the change, by id.
     *
     * @param txId the transaction id
     * @return this builder
     */
    public RecordBuilder transaction(String txId) {
      return transaction(TransactionRef.of(txId));
    }

    /**
     * Binlog coordinates: they order records committed in the same instant.
     *
     * @param binlogFile the binlog file name
     * @param offset the offset in it
     * @param row the row within the binlog event
     * @return this builder
     */
    public RecordBuilder position(String binlogFile, long offset, int row) {
      this.position = new SourcePosition(1L, binlogFile, offset, row, null);
      return this;
    }

    /**
     * The binlog position, as a whole.
     *
     * @param sourcePosition the position
     * @return this builder
     */
    public RecordBuilder position(SourcePosition sourcePosition) {
      this.position = Objects.requireNonNull(sourcePosition, "position");
      return this;
    }

    /**
     * Where the message of the change sat in its source: it orders records without binlog coordinates.
     *
     * @param coordinates the source message's coordinates
     * @return this builder
     */
    public RecordBuilder origin(MessageCoordinates coordinates) {
      this.origin = coordinates;
      return this;
    }

    /**
     * The message at {@code offset} of partition {@code partition} of the ordered stream {@code stream}.
     *
     * @param stream the stream, such as a topic
     * @param partition the partition
     * @param offset the offset in it
     * @return this builder
     */
    public RecordBuilder origin(String stream, String partition, long offset) {
      return origin(new MessageCoordinates(SourcePartition.ordered(stream, partition), Long.toString(offset)));
    }

    /**
     * The SQL statement of the change.
     *
     * @param sql the statement
     * @return this builder
     */
    public RecordBuilder statement(String sql) {
      this.statement = sql;
      return this;
    }

    /**
     * The database connection id.
     *
     * @param id the connection id
     * @return this builder
     */
    public RecordBuilder connectionId(long id) {
      this.connectionId = id;
      return this;
    }

    /**
     * The producer's name (default {@code test}).
     *
     * @param name the producer
     * @return this builder
     */
    public RecordBuilder producer(String name) {
      this.producer = name;
      return this;
    }

    /**
     * An actor named by a SQL comment.
     *
     * @param name the actor's name
     * @return this builder
     */
    public RecordBuilder actor(String name) {
      this.actor = Actor.of(name, Actor.Source.SQL_COMMENT);
      return this;
    }

    /**
     * The actor (default {@link Actor#UNKNOWN}).
     *
     * @param who the actor
     * @return this builder
     */
    public RecordBuilder actor(Actor who) {
      this.actor = who;
      return this;
    }

    /**
     * An actor with its evidence and attributes.
     *
     * @param name the actor's name
     * @param source the kind of evidence
     * @param attributes the evidence's further tags
     * @return this builder
     */
    public RecordBuilder actor(String name, Actor.Source source, Map<String, String> attributes) {
      this.actor = new Actor(name, source, attributes);
      return this;
    }

    /**
     * The retention (default {@link Retention#forever()}).
     *
     * @param r the retention
     * @return this builder
     */
    public RecordBuilder retention(Retention r) {
      this.retention = r;
      return this;
    }

    /**
     * A retention until {@code deadline}.
     *
     * @param deadline when the record may be purged
     * @return this builder
     */
    public RecordBuilder expiresAt(Instant deadline) {
      return retention(Retention.until(deadline));
    }

    /**
     * A retention under legal hold.
     *
     * @return this builder
     */
    public RecordBuilder legalHold() {
      return retention(Retention.legalHoldInPlace());
    }

    /**
     * Overrides the diff (by default computed from before and after).
     *
     * @param fieldChanges the diff to record
     * @return this builder
     */
    public RecordBuilder changes(List<FieldChange> fieldChanges) {
      this.changes = fieldChanges;
      return this;
    }

    /**
     * The change event this builder describes, without the record around it. Fixes the id on first
     * call, so that {@link #build()} afterwards gives a record of the same event.
     *
     * @return the event
     */
    public ChangeEvent event() {
      Row image = after != null ? after : Row.builder().put("id", SEQUENCE.get()).build();
      if (operation == Operation.INSERT && after == null) {
        after = image;
      }
      EventId eventId = id != null ? id : EventId.derive("test", table.qualifiedName(), key.canonical(), operation.wireName(),
          at.toString(), Long.toString(SEQUENCE.incrementAndGet()));
      id = eventId;
      return ChangeEvent.builder()
          .id(eventId)
          .producer(producer)
          .table(table)
          .operation(operation)
          .committedAt(at)
          .transaction(transaction)
          .position(position)
          .primaryKey(operation.isRowChange() ? key : PrimaryKey.NONE)
          .before(before)
          .after(operation == Operation.DELETE || !operation.isRowChange() ? Row.EMPTY : after)
          .statement(statement)
          .connectionId(connectionId)
          .origin(origin)
          .build();
    }

    /**
     * The record.
     *
     * @return the record, its diff computed from the images unless {@link #changes} set one
     */
    public AuditRecord build() {
      ChangeEvent event = event();
      List<FieldChange> diff = changes != null ? changes : RowDiff.of(event);
      return new AuditRecord(event, diff, actor, recordedAt != null ? recordedAt : at.plusMillis(250), retention);
    }
  }
}
