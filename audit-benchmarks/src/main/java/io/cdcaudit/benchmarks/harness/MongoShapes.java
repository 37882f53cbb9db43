package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.Value;
import io.cdcaudit.record.AuditRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * Documents of the shape {@code MongoAuditStore} writes (audit-store-mongo/README.md, layout 1),
 * built here from the audit record's public fields: the store's own encoder is internal to its
 * module. The raw {@code insertMany} and the naive {@code insertOne} write these, so that they
 * write as many bytes per record as the store does.
 */
final class MongoShapes {

  private MongoShapes() {}

  static Document document(AuditRecord record) {
    ChangeEvent e = record.event();
    Document d = new Document("_id", record.id().value()).append("layout", 1);
    d.append("table", e.table().qualifiedName());
    if (!e.primaryKey().isNone()) {
      d.append("pk", e.primaryKey().canonical());
    }
    if (record.actor().isKnown()) {
      d.append("actorName", record.actor().name());
    }
    e.transaction().ifPresent(tx -> d.append("txId", tx.id()));
    d.append("sortKey", record.sortKey());
    time(d, "committedAt", e.committedAt(), false);
    time(d, "recordedAt", record.recordedAt(), false);
    if (record.retention().legalHold()) {
      d.append("legalHold", true);
    } else {
      record.retention().expiry().ifPresent(t -> time(d, "expiresAt", t, true));
    }
    d.append("db", e.table().database()).append("tbl", e.table().table())
        .append("op", e.operation().wireName()).append("producer", e.producer());
    if (!e.primaryKey().isNone()) {
      d.append("key", row(e.primaryKey().columns()));
    }
    e.transaction().ifPresent(tx -> d.append("txPosition", tx.position()).append("txLast", tx.last()));
    SourcePosition p = e.position();
    if (p.hasBinlogCoordinates()) {
      Document position = new Document();
      if (p.serverId() != null) {
        position.append("serverId", p.serverId());
      }
      position.append("file", p.binlogFile()).append("offset", p.binlogOffset()).append("row", p.row());
      d.append("position", position);
    }
    e.statement().ifPresent(s -> d.append("statement", s));
    e.connectionId().ifPresent(c -> d.append("connectionId", c));
    if (!e.before().isEmpty()) {
      d.append("before", row(e.before()));
    }
    if (!e.after().isEmpty()) {
      d.append("after", row(e.after()));
    }
    List<Document> changes = new ArrayList<>(record.changes().size());
    for (FieldChange c : record.changes()) {
      Document change = new Document("n", c.column());
      change.append("b", value(c.before()));
      change.append("a", value(c.after()));
      changes.add(change);
    }
    d.append("changes", changes);
    d.append("actorSource", record.actor().source().name());
    if (!record.actor().attributes().isEmpty()) {
      List<Document> attributes = new ArrayList<>();
      for (Map.Entry<String, String> a : record.actor().attributes().entrySet()) {
        attributes.add(new Document("n", a.getKey()).append("v", a.getValue()));
      }
      d.append("actorAttributes", attributes);
    }
    return d;
  }

  private static void time(Document d, String name, Instant t, boolean roundUp) {
    Instant millis = t.truncatedTo(ChronoUnit.MILLIS);
    if (roundUp && millis.isBefore(t)) {
      millis = millis.plusMillis(1);
    }
    d.append(name, Date.from(millis));
    d.append(name + "Us", t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
  }

  private static List<Document> row(Row row) {
    List<Document> columns = new ArrayList<>(row.size());
    for (Map.Entry<String, Value> c : row.asMap().entrySet()) {
      Document column = new Document("n", c.getKey()).append("v", value(c.getValue()));
      if (c.getValue() instanceof Value.Json) {
        column.append("t", "json");
      }
      columns.add(column);
    }
    return columns;
  }

  private static Object value(Value v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v instanceof Value.Int i) {
      return i.value();
    }
    if (v instanceof Value.Decimal dec) {
      return decimal(dec.value());
    }
    if (v instanceof Value.BigInt b) {
      return decimal(new BigDecimal(b.value()));
    }
    if (v instanceof Value.Bool b) {
      return b.value();
    }
    if (v instanceof Value.Bytes b) {
      return new Binary(b.value());
    }
    return v.asText();
  }

  private static Object decimal(BigDecimal value) {
    try {
      return new Decimal128(value);
    } catch (NumberFormatException tooWide) {
      return value.toString();
    }
  }
}
