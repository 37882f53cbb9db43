package io.cdcaudit.mongo.internal;

/**
 * The field names of an audit record's MongoDB document (layout {@value #LAYOUT_VERSION}); the
 * module README shows a whole document. Column names are never field names: rows are arrays of
 * {@code {n: <column>, v: <value>, t: <tag>}} entries, so a column called {@code $where},
 * {@code a.b} or {@code _id} is data like any other.
 */
public final class Fields {

  /**
   * The layout this code writes. Layout 2 keeps database and table apart ({@link #DATABASE},
   * {@link #TABLE_NAME}; layout 1 also had a dotted {@code table} field, which conflated
   * {@code a.`b.c`} with {@code `a.b`.c}), has {@link #PK} as an array of every key the record is
   * indexed under, and may have an {@link #ORIGIN}.
   */
  public static final int LAYOUT_VERSION = 2;

  /**
   * The oldest layout this code reads: a layout-1 document decodes the same way (it has
   * {@code db}, {@code tbl}, and a single {@code pk} string that equality matches like a
   * one-element array). A document of any other layout is refused, not guessed at.
   */
  public static final int OLDEST_READABLE_LAYOUT = 1;

  public static final String ID = "_id";
  public static final String LAYOUT = "layout";

  // Queried fields (see Indexes): plain top-level values; pk is an array (a multikey index).
  /**
   * Every primary key the record belongs to the history of ({@code AuditRecord.rowKeys()}), each
   * as {@code PrimaryKey.canonical()}: one, or two for an update that moved the row to another key;
   * absent without a key. A query matches one element exactly.
   */
  public static final String PK = "pk";
  public static final String ACTOR_NAME = "actorName";
  public static final String TX_ID = "txId";
  public static final String SORT_KEY = "sortKey";

  // Times: a BSON date for people and TTL, exact microseconds beside it for the library.
  public static final String COMMITTED_AT = "committedAt";
  public static final String COMMITTED_AT_MICROS = "committedAtUs";
  public static final String RECORDED_AT = "recordedAt";
  public static final String RECORDED_AT_MICROS = "recordedAtUs";
  public static final String EXPIRES_AT = "expiresAt";
  public static final String EXPIRES_AT_MICROS = "expiresAtUs";
  public static final String LEGAL_HOLD = "legalHold";

  // The change; db and tbl are also queried (a row's history, a table's changes).
  public static final String DATABASE = "db";
  public static final String TABLE_NAME = "tbl";
  public static final String OPERATION = "op";
  public static final String PRODUCER = "producer";
  public static final String KEY = "key";
  public static final String TX_POSITION = "txPosition";
  public static final String TX_LAST = "txLast";
  public static final String POSITION = "position";
  public static final String SERVER_ID = "serverId";
  public static final String BINLOG_FILE = "file";
  public static final String BINLOG_OFFSET = "offset";
  public static final String ROW = "row";
  public static final String GTID = "gtid";
  public static final String STATEMENT = "statement";
  public static final String CONNECTION_ID = "connectionId";
  public static final String BEFORE = "before";
  public static final String AFTER = "after";
  public static final String CHANGES = "changes";
  /** Where the event's message sat in its source: {@code {stream, partition, ordered, position}}. */
  public static final String ORIGIN = "origin";
  public static final String ORIGIN_STREAM = "stream";
  public static final String ORIGIN_PARTITION = "partition";
  public static final String ORIGIN_ORDERED = "ordered";
  public static final String ORIGIN_POSITION = "position";
  public static final String ACTOR_SOURCE = "actorSource";
  public static final String ACTOR_ATTRIBUTES = "actorAttributes";

  // Inside a column entry: name, value, type tag; in a field change: before and after with their tags.
  public static final String NAME = "n";
  public static final String VALUE = "v";
  public static final String TAG = "t";
  public static final String CHANGE_BEFORE = "b";
  public static final String CHANGE_BEFORE_TAG = "bt";
  public static final String CHANGE_AFTER = "a";
  public static final String CHANGE_AFTER_TAG = "at";

  // Type tags, only where the BSON type alone would be ambiguous.
  /** A JSON column's text (a BSON string). */
  public static final String TAG_JSON = "json";
  /** An integer beyond {@code long} (a Decimal128, or a string past Decimal128's 34 digits). */
  public static final String TAG_BIG_INTEGER = "bigint";
  /** A decimal that Decimal128 cannot hold exactly, as its exact text (a BSON string). */
  public static final String TAG_DECIMAL = "decimal";

  private Fields() {}
}
