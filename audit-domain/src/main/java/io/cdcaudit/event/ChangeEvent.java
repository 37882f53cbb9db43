package io.cdcaudit.event;

import io.cdcaudit.source.MessageCoordinates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One change to one row (or one DDL or truncate statement), normalized from Maxwell or Debezium.
 *
 * <p>Immutable; built with {@link #builder()}, which checks that the images fit the operation:
 * an insert or snapshot has no before image, a delete no after image, a truncate or schema
 * change neither. (Decoders make sure the images a change needs are there; a column policy may
 * later leave an image empty.)
 *
 * <p>Commit times run from the epoch to {@link #LATEST_COMMIT_TIME}: the sort key of a record
 * holds commit times in 17 decimal digits of microseconds, and a time outside that range is a
 * producer's or a clock's error, which decoders turn into a dead letter.
 */
public final class ChangeEvent {

  /**
   * The latest commit time an event may have (in the year 5138): the sort key of a record keeps
   * 17 digits of microseconds, and the next microsecond is kept free as the "end of time" bound
   * of queries.
   */
  public static final Instant LATEST_COMMIT_TIME = Instant.ofEpochSecond(99_999_999_999L, 999_998_000);

  private final EventId id;
  private final String producer;
  private final TableRef table;
  private final Operation operation;
  private final Instant committedAt;
  private final TransactionRef transaction;
  private final SourcePosition position;
  private final PrimaryKey primaryKey;
  private final Row before;
  private final Row after;
  private final String statement;
  private final Long connectionId;
  private final MessageCoordinates origin;
  private final PrimaryKey previousKey;

  private ChangeEvent(Builder b) {
    this.id = require(b.id, "id");
    this.producer = require(b.producer, "producer");
    this.table = require(b.table, "table");
    this.operation = require(b.operation, "operation");
    // Microseconds are the finest precision producers give (Debezium ts_us) and stores keep.
    this.committedAt = require(b.committedAt, "committedAt").truncatedTo(ChronoUnit.MICROS);
    this.transaction = b.transaction;
    this.position = b.position == null ? SourcePosition.UNKNOWN : b.position;
    this.primaryKey = b.primaryKey == null ? PrimaryKey.NONE : b.primaryKey;
    this.before = b.before == null ? Row.EMPTY : b.before;
    this.after = b.after == null ? Row.EMPTY : b.after;
    this.statement = b.statement;
    this.connectionId = b.connectionId;
    this.origin = b.origin;
    checkCommitTime();
    checkImages();
    this.previousKey = keyBeforeUpdate();
  }

  /**
   * Starts an event; {@link Builder#build()} checks the required values and that the images fit
   * the operation.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this event's values, to derive a changed copy (a column policy, for
   * instance, replaces the images).
   *
   * @return a builder initialised from this event
   */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .producer(producer)
        .table(table)
        .operation(operation)
        .committedAt(committedAt)
        .transaction(transaction)
        .position(position)
        .primaryKey(primaryKey)
        .before(before)
        .after(after)
        .statement(statement)
        .connectionId(connectionId)
        .origin(origin);
  }

  /**
   * The deterministic id of this change, derived from its coordinates in the binlog or the source:
   * a redelivered message gets the same id, which is what makes stores idempotent.
   *
   * @return the id
   */
  public EventId id() {
    return id;
  }

  /**
   * The producer that emitted the event, such as {@code maxwell} or {@code debezium}.
   *
   * @return the producer's name
   */
  public String producer() {
    return producer;
  }

  /**
   * The table the change was made to (the database of a schema change or truncate statement
   * included).
   *
   * @return the database and table
   */
  public TableRef table() {
    return table;
  }

  /**
   * What kind of change this is; it decides which images the event has.
   *
   * @return the operation
   */
  public Operation operation() {
    return operation;
  }

  /**
   * When the source database committed the change, at the precision the producer gives (at most
   * microseconds; finer digits are dropped).
   *
   * @return the commit time, from the epoch to {@link #LATEST_COMMIT_TIME}
   */
  public Instant committedAt() {
    return committedAt;
  }

  /**
   * The transaction the change was part of, where the producer says.
   *
   * @return the transaction, or empty
   */
  public Optional<TransactionRef> transaction() {
    return Optional.ofNullable(transaction);
  }

  /**
   * Where the change sits in the binlog, as far as the producer gives it.
   *
   * @return the position, {@link SourcePosition#UNKNOWN} when the producer gives none
   */
  public SourcePosition position() {
    return position;
  }

  /**
   * The primary key of the changed row (its values after the change for an update that moved the
   * row; see {@link #previousKey()}).
   *
   * @return the key, {@link PrimaryKey#NONE} for a table without one and for statements
   */
  public PrimaryKey primaryKey() {
    return primaryKey;
  }

  /**
   * The row before the change; empty for inserts, snapshots, truncates and schema changes.
   *
   * @return the before image, possibly empty
   */
  public Row before() {
    return before;
  }

  /**
   * The row after the change; empty for deletes, truncates and schema changes.
   *
   * @return the after image, possibly empty
   */
  public Row after() {
    return after;
  }

  /**
   * The SQL statement that caused the change, where the producer gives it (Maxwell with
   * {@code output_row_query}, Debezium with {@code include.query}); actor resolvers read
   * sqlcommenter tags from it.
   *
   * @return the statement, or empty
   */
  public Optional<String> statement() {
    return Optional.ofNullable(statement);
  }

  /**
   * The database connection (thread) id, where the producer gives it.
   *
   * @return the connection id, or empty
   */
  public OptionalLong connectionId() {
    return connectionId == null ? OptionalLong.empty() : OptionalLong.of(connectionId);
  }

  /**
   * Where the message this event was decoded from sat in its source (a Kafka topic, partition and
   * offset; an SQS message id), or empty for an event that was not read from a source. Decoders
   * record it; it identifies and orders events whose producer gives no binlog position (see
   * {@link #sourceOrder()}).
   *
   * @return the coordinates of the source message, or empty
   */
  public Optional<MessageCoordinates> origin() {
    return Optional.ofNullable(origin);
  }

  /**
   * The key the row had before this change, when this is an update that changed the primary key
   * (Maxwell reports {@code UPDATE ... SET id = 2 WHERE id = 1} as one update); empty otherwise.
   * The change belongs to the history of both keys: it is the last change of the old one.
   *
   * @return the key before the update, or empty
   */
  public Optional<PrimaryKey> previousKey() {
    return Optional.ofNullable(previousKey);
  }

  /**
   * A text that sorts events of one row in the order the database committed them, when they share
   * a commit time:
   * <ol>
   *   <li>the binlog file, offset and row (or the position in the transaction), where the producer
   *       gives them (Maxwell's {@code output_binlog_position}, Debezium always when streaming);
   *   <li>else the offset of the message in an ordered source partition (a Kafka offset, a Kinesis
   *       sequence number and sub-sequence number), which is
   *       binlog order when the producer publishes in binlog order and routes a row's changes to one
   *       partition (Maxwell and Debezium do, with their default partitioning);
   *   <li>else nothing: empty, and records of the same commit time sort by id. A transaction id is
   *       no substitute: MariaDB does not hand out xids in commit order.
   * </ol>
   *
   * @return the sort text, empty when neither a binlog position nor an ordered offset is known
   */
  public String sourceOrder() {
    if (position.hasBinlogCoordinates()) {
      long withinEvent = position.row() >= 0 ? position.row() : withinTransaction();
      return "b:" + position.binlogFile() + ':' + pad(position.binlogOffset(), 19) + ':' + pad(withinEvent, 10);
    }
    if (origin != null && origin.partition().ordered()) {
      return partitionOrder(origin.position());
    }
    return "";
  }

  /**
   * A Kafka offset or a Kinesis sequence number, padded to a fixed width (Kafka offsets have at most
   * 19 digits, Kinesis sequence numbers about 56), with the sub-sequence number of a user record of
   * a KPL aggregate ({@code <seq>:<sub>}) after it; empty for any other position.
   */
  private static String partitionOrder(String position) {
    int colon = position.indexOf(':');
    String offset = colon < 0 ? position : position.substring(0, colon);
    String sub = colon < 0 ? null : position.substring(colon + 1);
    if (!isDigits(offset) || (sub != null && (!isDigits(sub) || sub.length() > 10))) {
      return "";
    }
    String padded = "m:" + "0".repeat((offset.length() <= 20 ? 20 : 64) - offset.length()) + offset;
    return sub == null ? padded : padded + ':' + "0".repeat(10 - sub.length()) + sub;
  }

  private long withinTransaction() {
    if (transaction == null) {
      return 0;
    }
    if (transaction.position() >= 0) {
      return transaction.position();
    }
    // The last row of a Maxwell transaction has no xoffset: it sorts after every other row.
    return transaction.last() ? 9_999_999_999L : 0;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String pad(long n, int width) {
    String s = Long.toString(n);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  private void checkCommitTime() {
    if (committedAt.isBefore(Instant.EPOCH) || committedAt.isAfter(LATEST_COMMIT_TIME)) {
      throw new IllegalArgumentException("the commit time of " + table + " must be from " + Instant.EPOCH
          + " to " + LATEST_COMMIT_TIME + ", got " + committedAt + " (event " + id + ")");
    }
  }

  private PrimaryKey keyBeforeUpdate() {
    if (operation != Operation.UPDATE || primaryKey.isNone() || before.isEmpty()) {
      return null;
    }
    Row.Builder old = Row.builder();
    for (String column : primaryKey.columns().columnNames()) {
      Value value = before.get(column);
      if (value == null) {
        return null; // the before image does not say: nothing to index under
      }
      old.put(column, value);
    }
    PrimaryKey previous = PrimaryKey.of(old.build());
    return previous.equals(primaryKey) ? null : previous;
  }

  private void checkImages() {
    // A required image may be empty: a column policy can exclude every column of a row, and the
    // change is still an auditable fact. An image the operation cannot have is an error.
    switch (operation) {
      case INSERT, SNAPSHOT -> requireNoImage(before, "before");
      case DELETE -> requireNoImage(after, "after");
      case TRUNCATE, SCHEMA_CHANGE -> {
        requireNoImage(before, "before");
        requireNoImage(after, "after");
      }
      case UPDATE -> {
        // both images are allowed
      }
    }
  }

  private void requireNoImage(Row image, String name) {
    if (!image.isEmpty()) {
      throw new IllegalArgumentException(
          article(operation.wireName()) + " of " + table + " has no " + name + " image (event " + id + ")");
    }
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private static <T> T require(T value, String name) {
    return Objects.requireNonNull(value, () -> "ChangeEvent." + name + " is required");
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ChangeEvent other)) {
      return false;
    }
    return id.equals(other.id)
        && producer.equals(other.producer)
        && table.equals(other.table)
        && operation == other.operation
        && committedAt.equals(other.committedAt)
        && Objects.equals(transaction, other.transaction)
        && position.equals(other.position)
        && primaryKey.equals(other.primaryKey)
        && before.equals(other.before)
        && after.equals(other.after)
        && Objects.equals(statement, other.statement)
        && Objects.equals(connectionId, other.connectionId)
        && Objects.equals(origin, other.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, table, operation, committedAt, primaryKey);
  }

  @Override
  public String toString() {
    return operation.wireName() + ' ' + table + ' ' + primaryKey + " at " + committedAt + " (" + id + ')';
  }

  /** Builds a {@link ChangeEvent}; {@link #build()} validates. */
  public static final class Builder {
    private EventId id;
    private String producer;
    private TableRef table;
    private Operation operation;
    private Instant committedAt;
    private TransactionRef transaction;
    private SourcePosition position;
    private PrimaryKey primaryKey;
    private Row before;
    private Row after;
    private String statement;
    private Long connectionId;
    private MessageCoordinates origin;

    private Builder() {}

    /**
     * Sets the id (required).
     *
     * @param id the event's deterministic id
     * @return this builder
     */
    public Builder id(EventId id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the producer's name (required), such as {@code maxwell}.
     *
     * @param producer the producer that emitted the event
     * @return this builder
     */
    public Builder producer(String producer) {
      this.producer = producer;
      return this;
    }

    /**
     * Sets the table (required).
     *
     * @param table the changed table
     * @return this builder
     */
    public Builder table(TableRef table) {
      this.table = table;
      return this;
    }

    /**
     * Sets the operation (required); it decides which images {@link #build()} accepts.
     *
     * @param operation the kind of change
     * @return this builder
     */
    public Builder operation(Operation operation) {
      this.operation = operation;
      return this;
    }

    /**
     * Sets the commit time (required); truncated to microseconds.
     *
     * @param committedAt when the database committed the change
     * @return this builder
     */
    public Builder committedAt(Instant committedAt) {
      this.committedAt = committedAt;
      return this;
    }

    /**
     * Sets the transaction, if the producer says.
     *
     * @param transaction the transaction, or {@code null}
     * @return this builder
     */
    public Builder transaction(TransactionRef transaction) {
      this.transaction = transaction;
      return this;
    }

    /**
     * Sets the binlog position.
     *
     * @param position the position, or {@code null} for {@link SourcePosition#UNKNOWN}
     * @return this builder
     */
    public Builder position(SourcePosition position) {
      this.position = position;
      return this;
    }

    /**
     * Sets the primary key of the changed row.
     *
     * @param primaryKey the key, or {@code null} for {@link PrimaryKey#NONE}
     * @return this builder
     */
    public Builder primaryKey(PrimaryKey primaryKey) {
      this.primaryKey = primaryKey;
      return this;
    }

    /**
     * Sets the before image.
     *
     * @param before the row before the change, or {@code null} for none
     * @return this builder
     */
    public Builder before(Row before) {
      this.before = before;
      return this;
    }

    /**
     * Sets the after image.
     *
     * @param after the row after the change, or {@code null} for none
     * @return this builder
     */
    public Builder after(Row after) {
      this.after = after;
      return this;
    }

    /**
     * Sets the SQL statement that caused the change.
     *
     * @param statement the statement, or {@code null}
     * @return this builder
     */
    public Builder statement(String statement) {
      this.statement = statement;
      return this;
    }

    /**
     * Sets the database connection (thread) id.
     *
     * @param connectionId the connection id, or {@code null}
     * @return this builder
     */
    public Builder connectionId(Long connectionId) {
      this.connectionId = connectionId;
      return this;
    }

    /**
     * Sets where the message of this event sat in its source; see {@link ChangeEvent#origin()}.
     *
     * @param origin the source message's coordinates, or {@code null}
     * @return this builder
     */
    public Builder origin(MessageCoordinates origin) {
      this.origin = origin;
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     * @throws NullPointerException when the id, producer, table, operation or commit time is missing
     * @throws IllegalArgumentException when the commit time is out of range or an image is present
     *     that the operation cannot have
     */
    public ChangeEvent build() {
      return new ChangeEvent(this);
    }
  }
}
