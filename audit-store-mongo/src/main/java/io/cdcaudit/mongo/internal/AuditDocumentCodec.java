package io.cdcaudit.mongo.internal;

import static io.cdcaudit.mongo.internal.Fields.*;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.event.EventId;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.record.Retention;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourcePartition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;

/**
 * Turns an {@link AuditRecord} into its MongoDB document and back, exactly.
 *
 * <p>Encoding writes BSON bytes straight from the record (no intermediate document tree), so the
 * store knows each document's size before sending it. Values keep their type: {@link Value.Int}
 * is an int64, {@link Value.Decimal} a Decimal128 with its scale (a tagged string when Decimal128
 * cannot hold it exactly), {@link Value.BigInt} a tagged Decimal128 (or tagged string), bytes BSON
 * binary, JSON a tagged string, text a string. Thread-safe and stateless.
 */
public final class AuditDocumentCodec {

  private static final int MICROS_PER_SECOND = 1_000_000;
  private static final int DECIMAL128_DIGITS = 34;
  private static final int DECIMAL128_MIN_EXPONENT = -6176;
  private static final int DECIMAL128_MAX_EXPONENT = 6111;
  /** Room for a typical record's document without growing the buffer. */
  private static final int INITIAL_BUFFER_BYTES = 4096;

  /**
   * The record's document.
   *
   * @throws UnstorableRecordException when the record cannot be represented at all: a recording
   *     time or deadline more than 292,000 years from 1970 has no microseconds in a {@code long}.
   *     (Commit times are fine: the domain keeps them from 1970 to {@code
   *     ChangeEvent.LATEST_COMMIT_TIME}, about 10^17 microseconds, whose BSON date and sort key
   *     fit.)
   */
  public RawBsonDocument encode(AuditRecord record) {
    ChangeEvent event = record.event();
    String sortKey;
    long committedMicros;
    long recordedMicros;
    Long expiresMicros;
    try {
      sortKey = record.sortKey();
      committedMicros = micros(event.committedAt());
      recordedMicros = micros(record.recordedAt());
      expiresMicros = record.retention().expiresAt() == null ? null : micros(record.retention().expiresAt());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new UnstorableRecordException("record " + record.id() + " cannot be a MongoDB document: " + e.getMessage(), e);
    }

    BasicOutputBuffer out = new BasicOutputBuffer(INITIAL_BUFFER_BYTES);
    try (BsonBinaryWriter w = new BsonBinaryWriter(out)) {
      w.writeStartDocument();
      w.writeString(ID, event.id().value());
      w.writeInt32(LAYOUT, LAYOUT_VERSION);
      // Database and table as two fields: a dotted qualified name would make a.`b.c` and `a.b`.c one table.
      w.writeString(DATABASE, event.table().database());
      w.writeString(TABLE_NAME, event.table().table());
      PrimaryKey key = event.primaryKey();
      List<PrimaryKey> rowKeys = record.rowKeys();
      if (!rowKeys.isEmpty()) {
        // Every key whose history the record belongs to (two after an update that moved the row): a multikey index.
        w.writeStartArray(PK);
        for (PrimaryKey rowKey : rowKeys) {
          w.writeString(rowKey.canonical());
        }
        w.writeEndArray();
      }
      if (record.actor().name() != null) {
        w.writeString(ACTOR_NAME, record.actor().name());
      }
      event.transaction().ifPresent(tx -> w.writeString(TX_ID, tx.id()));
      w.writeString(SORT_KEY, sortKey);

      w.writeDateTime(COMMITTED_AT, Math.floorDiv(committedMicros, 1000));
      w.writeInt64(COMMITTED_AT_MICROS, committedMicros);
      w.writeDateTime(RECORDED_AT, Math.floorDiv(recordedMicros, 1000));
      w.writeInt64(RECORDED_AT_MICROS, recordedMicros);
      if (expiresMicros != null) {
        // Rounded up to the millisecond: a TTL index never removes a record before its deadline.
        w.writeDateTime(EXPIRES_AT, -Math.floorDiv(-expiresMicros, 1000));
        w.writeInt64(EXPIRES_AT_MICROS, expiresMicros);
      }
      if (record.retention().legalHold()) {
        w.writeBoolean(LEGAL_HOLD, true);
      }

      w.writeString(OPERATION, event.operation().wireName());
      w.writeString(PRODUCER, event.producer());
      if (!key.isNone()) {
        writeRow(w, KEY, key.columns());
      }
      if (event.transaction().isPresent()) {
        TransactionRef tx = event.transaction().get();
        if (tx.position() >= 0) {
          w.writeInt64(TX_POSITION, tx.position());
        }
        w.writeBoolean(TX_LAST, tx.last());
      }
      writePosition(w, event.position());
      event.statement().ifPresent(sql -> w.writeString(STATEMENT, sql));
      if (event.connectionId().isPresent()) {
        w.writeInt64(CONNECTION_ID, event.connectionId().getAsLong());
      }
      event.origin().ifPresent(origin -> writeOrigin(w, origin));
      if (!event.before().isEmpty()) {
        writeRow(w, BEFORE, event.before());
      }
      if (!event.after().isEmpty()) {
        writeRow(w, AFTER, event.after());
      }
      if (!record.changes().isEmpty()) {
        writeChanges(w, record.changes());
      }
      writeActor(w, record.actor());
      w.writeEndDocument();
    }
    // An exact-size copy: a document may wait in a bulk insert, or (in a benchmark) much longer.
    return new RawBsonDocument(out.toByteArray());
  }

  /**
   * The record a stored document holds.
   *
   * @throws UnreadableDocumentException when the document is not an audit record of this layout
   */
  public AuditRecord decode(BsonDocument doc) {
    try {
      int layout = doc.getInt32(LAYOUT).getValue();
      if (layout < OLDEST_READABLE_LAYOUT || layout > LAYOUT_VERSION) {
        throw new IllegalStateException("its layout is " + layout + ", this library reads layouts " + OLDEST_READABLE_LAYOUT
            + " to " + LAYOUT_VERSION);
      }
      ChangeEvent.Builder event = ChangeEvent.builder()
          .id(EventId.of(doc.getString(ID).getValue()))
          .producer(doc.getString(PRODUCER).getValue())
          .table(TableRef.of(doc.getString(DATABASE).getValue(), doc.getString(TABLE_NAME).getValue()))
          .operation(Operation.fromWireName(doc.getString(OPERATION).getValue()))
          .committedAt(instant(doc.getInt64(COMMITTED_AT_MICROS).getValue()))
          .position(readPosition(doc))
          .primaryKey(doc.containsKey(KEY) ? PrimaryKey.of(readRow(doc.getArray(KEY))) : PrimaryKey.NONE)
          .before(doc.containsKey(BEFORE) ? readRow(doc.getArray(BEFORE)) : Row.EMPTY)
          .after(doc.containsKey(AFTER) ? readRow(doc.getArray(AFTER)) : Row.EMPTY);
      if (doc.containsKey(TX_ID)) {
        long position = doc.containsKey(TX_POSITION) ? doc.getInt64(TX_POSITION).getValue() : -1;
        event.transaction(new TransactionRef(doc.getString(TX_ID).getValue(), position, doc.getBoolean(TX_LAST).getValue()));
      }
      if (doc.containsKey(STATEMENT)) {
        event.statement(doc.getString(STATEMENT).getValue());
      }
      if (doc.containsKey(CONNECTION_ID)) {
        event.connectionId(doc.getInt64(CONNECTION_ID).getValue());
      }
      if (doc.containsKey(ORIGIN)) {
        event.origin(readOrigin(doc.getDocument(ORIGIN)));
      }
      List<FieldChange> changes = doc.containsKey(CHANGES) ? readChanges(doc.getArray(CHANGES)) : List.of();
      Retention retention;
      if (doc.containsKey(EXPIRES_AT_MICROS)) {
        retention = Retention.until(instant(doc.getInt64(EXPIRES_AT_MICROS).getValue()));
      } else if (doc.getBoolean(LEGAL_HOLD, org.bson.BsonBoolean.FALSE).getValue()) {
        retention = Retention.legalHoldInPlace();
      } else {
        retention = Retention.forever();
      }
      return new AuditRecord(event.build(), changes, readActor(doc), instant(doc.getInt64(RECORDED_AT_MICROS).getValue()), retention);
    } catch (RuntimeException e) {
      BsonValue id = doc.get(ID);
      throw new UnreadableDocumentException("the document with _id " + id + " is not an audit record this library can read: " + e, e);
    }
  }

  /** The exact microseconds since the epoch of {@code t} (records keep microseconds). */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1_000);
  }

  /** The instant {@code micros} microseconds after the epoch. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
  }

  /** The Decimal128 that holds {@code value} exactly, scale included, or {@code null} when none does. */
  static Decimal128 exactDecimal128(BigDecimal value) {
    // Decimal128 holds a coefficient of up to 34 digits with an exponent from -6176 to 6111, exactly
    // (IEEE 754-2008 decimal128); the driver keeps the exponent as the scale. Anything else is kept as text.
    int exponent = -value.scale();
    if (value.precision() > DECIMAL128_DIGITS || exponent < DECIMAL128_MIN_EXPONENT || exponent > DECIMAL128_MAX_EXPONENT) {
      return null;
    }
    return new Decimal128(value);
  }

  private static void writePosition(BsonWriter w, SourcePosition p) {
    if (p.serverId() == null && p.binlogFile() == null && p.binlogOffset() < 0 && p.row() < 0 && p.gtid() == null) {
      return;
    }
    w.writeStartDocument(POSITION);
    if (p.serverId() != null) {
      w.writeInt64(SERVER_ID, p.serverId());
    }
    if (p.binlogFile() != null) {
      w.writeString(BINLOG_FILE, p.binlogFile());
    }
    if (p.binlogOffset() >= 0) {
      w.writeInt64(BINLOG_OFFSET, p.binlogOffset());
    }
    if (p.row() >= 0) {
      w.writeInt32(ROW, p.row());
    }
    if (p.gtid() != null) {
      w.writeString(GTID, p.gtid());
    }
    w.writeEndDocument();
  }

  private static SourcePosition readPosition(BsonDocument doc) {
    if (!doc.containsKey(POSITION)) {
      return SourcePosition.UNKNOWN;
    }
    BsonDocument p = doc.getDocument(POSITION);
    return new SourcePosition(
        p.containsKey(SERVER_ID) ? p.getInt64(SERVER_ID).getValue() : null,
        p.containsKey(BINLOG_FILE) ? p.getString(BINLOG_FILE).getValue() : null,
        p.containsKey(BINLOG_OFFSET) ? p.getInt64(BINLOG_OFFSET).getValue() : -1,
        p.containsKey(ROW) ? p.getInt32(ROW).getValue() : -1,
        p.containsKey(GTID) ? p.getString(GTID).getValue() : null);
  }

  private static void writeOrigin(BsonWriter w, MessageCoordinates origin) {
    w.writeStartDocument(ORIGIN);
    w.writeString(ORIGIN_STREAM, origin.partition().stream());
    w.writeString(ORIGIN_PARTITION, origin.partition().partition());
    w.writeBoolean(ORIGIN_ORDERED, origin.partition().ordered());
    w.writeString(ORIGIN_POSITION, origin.position());
    w.writeEndDocument();
  }

  private static MessageCoordinates readOrigin(BsonDocument o) {
    SourcePartition partition = new SourcePartition(o.getString(ORIGIN_STREAM).getValue(),
        o.getString(ORIGIN_PARTITION).getValue(), o.getBoolean(ORIGIN_ORDERED).getValue());
    return new MessageCoordinates(partition, o.getString(ORIGIN_POSITION).getValue());
  }

  private static void writeRow(BsonWriter w, String field, Row row) {
    w.writeStartArray(field);
    for (Map.Entry<String, Value> column : row.asMap().entrySet()) {
      w.writeStartDocument();
      w.writeString(NAME, column.getKey());
      writeValue(w, VALUE, TAG, column.getValue());
      w.writeEndDocument();
    }
    w.writeEndArray();
  }

  private static Row readRow(BsonArray entries) {
    Row.Builder row = Row.builder();
    for (BsonValue entry : entries) {
      BsonDocument column = entry.asDocument();
      row.put(column.getString(NAME).getValue(), readValue(column.get(VALUE), tag(column, TAG)));
    }
    return row.build();
  }

  private static void writeChanges(BsonWriter w, List<FieldChange> changes) {
    w.writeStartArray(CHANGES);
    for (FieldChange change : changes) {
      w.writeStartDocument();
      w.writeString(NAME, change.column());
      writeValue(w, CHANGE_BEFORE, CHANGE_BEFORE_TAG, change.before());
      writeValue(w, CHANGE_AFTER, CHANGE_AFTER_TAG, change.after());
      w.writeEndDocument();
    }
    w.writeEndArray();
  }

  private static List<FieldChange> readChanges(BsonArray entries) {
    List<FieldChange> changes = new ArrayList<>(entries.size());
    for (BsonValue entry : entries) {
      BsonDocument change = entry.asDocument();
      changes.add(new FieldChange(
          change.getString(NAME).getValue(),
          readValue(change.get(CHANGE_BEFORE), tag(change, CHANGE_BEFORE_TAG)),
          readValue(change.get(CHANGE_AFTER), tag(change, CHANGE_AFTER_TAG))));
    }
    return changes;
  }

  private static void writeActor(BsonWriter w, Actor actor) {
    if (actor.isKnown()) {
      w.writeString(ACTOR_SOURCE, actor.source().name());
    }
    if (!actor.attributes().isEmpty()) {
      w.writeStartArray(ACTOR_ATTRIBUTES);
      for (Map.Entry<String, String> attribute : actor.attributes().entrySet()) {
        w.writeStartDocument();
        w.writeString(NAME, attribute.getKey());
        w.writeString(VALUE, attribute.getValue());
        w.writeEndDocument();
      }
      w.writeEndArray();
    }
  }

  private static Actor readActor(BsonDocument doc) {
    Actor.Source source = doc.containsKey(ACTOR_SOURCE) ? Actor.Source.valueOf(doc.getString(ACTOR_SOURCE).getValue()) : Actor.Source.UNKNOWN;
    String name = doc.containsKey(ACTOR_NAME) ? doc.getString(ACTOR_NAME).getValue() : null;
    Map<String, String> attributes = new TreeMap<>();
    if (doc.containsKey(ACTOR_ATTRIBUTES)) {
      for (BsonValue entry : doc.getArray(ACTOR_ATTRIBUTES)) {
        BsonDocument attribute = entry.asDocument();
        attributes.put(attribute.getString(NAME).getValue(), attribute.getString(VALUE).getValue());
      }
    }
    if (source == Actor.Source.UNKNOWN && name == null && attributes.isEmpty()) {
      return Actor.UNKNOWN;
    }
    return new Actor(name, source, attributes);
  }

  private static void writeValue(BsonWriter w, String valueField, String tagField, Value value) {
    if (value instanceof Value.Text text) {
      w.writeString(valueField, text.value());
    } else if (value instanceof Value.Int number) {
      w.writeInt64(valueField, number.value());
    } else if (value.isNull()) {
      w.writeNull(valueField);
    } else if (value instanceof Value.Bool bool) {
      w.writeBoolean(valueField, bool.value());
    } else if (value instanceof Value.Decimal decimal) {
      Decimal128 exact = exactDecimal128(decimal.value());
      if (exact != null) {
        w.writeDecimal128(valueField, exact);
      } else {
        // BigDecimal's own text form reads back with the same unscaled value and scale.
        w.writeString(valueField, decimal.value().toString());
        w.writeString(tagField, TAG_DECIMAL);
      }
    } else if (value instanceof Value.BigInt big) {
      Decimal128 exact = exactDecimal128(new BigDecimal(big.value()));
      if (exact != null) {
        w.writeDecimal128(valueField, exact);
      } else {
        w.writeString(valueField, big.value().toString());
      }
      w.writeString(tagField, TAG_BIG_INTEGER);
    } else if (value instanceof Value.Bytes bytes) {
      w.writeBinaryData(valueField, new BsonBinary(bytes.value()));
    } else if (value instanceof Value.Json json) {
      w.writeString(valueField, json.json());
      w.writeString(tagField, TAG_JSON);
    } else {
      throw new IllegalStateException("a value kind this codec does not know: " + value.getClass().getName());
    }
  }

  private static String tag(BsonDocument entry, String tagField) {
    BsonValue tag = entry.get(tagField);
    return tag == null ? null : tag.asString().getValue();
  }

  private static Value readValue(BsonValue v, String tag) {
    if (v == null) {
      throw new IllegalStateException("a column entry without a value");
    }
    switch (v.getBsonType()) {
      case NULL:
        requireTag(tag, null, v);
        return Value.NULL;
      case BOOLEAN:
        requireTag(tag, null, v);
        return Value.of(v.asBoolean().getValue());
      case INT64:
        requireTag(tag, null, v);
        return Value.of(v.asInt64().getValue());
      case INT32:
        requireTag(tag, null, v);
        return Value.of((long) v.asInt32().getValue());
      case DECIMAL128: {
        BigDecimal number = v.asDecimal128().getValue().bigDecimalValue();
        if (tag == null) {
          return Value.of(number);
        }
        requireTag(tag, TAG_BIG_INTEGER, v);
        return Value.of(number.toBigIntegerExact());
      }
      case STRING: {
        String text = v.asString().getValue();
        if (tag == null) {
          return Value.of(text);
        }
        switch (tag) {
          case TAG_JSON:
            return Value.ofJson(text);
          case TAG_DECIMAL:
            return Value.of(new BigDecimal(text));
          case TAG_BIG_INTEGER:
            return Value.of(new BigInteger(text));
          default:
            throw new IllegalStateException("unknown type tag '" + tag + "' on a string");
        }
      }
      case BINARY:
        requireTag(tag, null, v);
        return Value.ofBytes(v.asBinary().getData());
      default:
        throw new IllegalStateException("a column value of BSON type " + v.getBsonType() + " that this library never writes");
    }
  }

  private static void requireTag(String tag, String expected, BsonValue v) {
    if (tag == null ? expected != null : !tag.equals(expected)) {
      throw new IllegalStateException("type tag '" + tag + "' does not fit a " + v.getBsonType() + " value");
    }
  }
}
