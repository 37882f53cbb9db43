package io.cdcaudit.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.SourcePosition;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.record.Actor;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.MessageCoordinates;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Writes an audit record as the object {@link AuditRecordJson} describes; values as {@link ValueJson} does. */
final class AuditRecordWriter {

  private AuditRecordWriter() {}

  static void write(JsonGenerator out, AuditRecord record) throws IOException {
    ChangeEvent event = record.event();
    out.writeStartObject();
    out.writeStringField("id", event.id().value());
    out.writeStringField("producer", event.producer());
    out.writeStringField("database", event.table().database());
    out.writeStringField("table", event.table().table());
    out.writeStringField("op", event.operation().wireName());
    out.writeStringField("committedAt", event.committedAt().toString());
    out.writeFieldName("transaction");
    writeTransaction(out, event.transaction().orElse(null));
    out.writeFieldName("position");
    writePosition(out, event.position());
    out.writeFieldName("primaryKey");
    writeRowOrNull(out, event.primaryKey().columns());
    out.writeFieldName("before");
    writeRowOrNull(out, event.before());
    out.writeFieldName("after");
    writeRowOrNull(out, event.after());
    out.writeArrayFieldStart("changes");
    for (FieldChange change : record.changes()) {
      out.writeStartObject();
      out.writeStringField("column", change.column());
      out.writeFieldName("before");
      ValueJson.write(out, change.before());
      out.writeFieldName("after");
      ValueJson.write(out, change.after());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeFieldName("statement");
    writeNullableString(out, event.statement().orElse(null));
    out.writeFieldName("connectionId");
    if (event.connectionId().isPresent()) {
      out.writeNumber(event.connectionId().getAsLong());
    } else {
      out.writeNull();
    }
    out.writeFieldName("origin");
    writeOrigin(out, event.origin().orElse(null));
    out.writeFieldName("actor");
    writeActor(out, record.actor());
    out.writeStringField("recordedAt", record.recordedAt().toString());
    out.writeObjectFieldStart("retention");
    out.writeFieldName("expiresAt");
    writeNullableString(out, record.retention().expiresAt() == null ? null : record.retention().expiresAt().toString());
    out.writeBooleanField("legalHold", record.retention().legalHold());
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writeRowOrNull(JsonGenerator out, Row row) throws IOException {
    if (row.isEmpty()) {
      out.writeNull();
    } else {
      ValueJson.writeRow(out, row);
    }
  }

  private static void writeTransaction(JsonGenerator out, TransactionRef transaction) throws IOException {
    if (transaction == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    out.writeStringField("id", transaction.id());
    out.writeFieldName("position");
    writeNonNegativeOrNull(out, transaction.position());
    out.writeBooleanField("last", transaction.last());
    out.writeEndObject();
  }

  private static void writeOrigin(JsonGenerator out, MessageCoordinates origin) throws IOException {
    if (origin == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    out.writeStringField("stream", origin.partition().stream());
    out.writeStringField("partition", origin.partition().partition());
    out.writeBooleanField("ordered", origin.partition().ordered());
    out.writeStringField("position", origin.position());
    out.writeEndObject();
  }

  private static void writePosition(JsonGenerator out, SourcePosition position) throws IOException {
    out.writeStartObject();
    out.writeFieldName("serverId");
    if (position.serverId() == null) {
      out.writeNull();
    } else {
      out.writeNumber(position.serverId());
    }
    out.writeFieldName("file");
    writeNullableString(out, position.binlogFile());
    out.writeFieldName("offset");
    writeNonNegativeOrNull(out, position.binlogOffset());
    out.writeFieldName("row");
    writeNonNegativeOrNull(out, position.row());
    out.writeFieldName("gtid");
    writeNullableString(out, position.gtid());
    out.writeEndObject();
  }

  private static void writeActor(JsonGenerator out, Actor actor) throws IOException {
    out.writeStartObject();
    out.writeFieldName("name");
    writeNullableString(out, actor.name());
    out.writeStringField("source", actor.source().name().toLowerCase(Locale.ROOT));
    out.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> attribute : actor.attributes().entrySet()) {
      out.writeStringField(attribute.getKey(), attribute.getValue());
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writeNonNegativeOrNull(JsonGenerator out, long value) throws IOException {
    if (value < 0) {
      out.writeNull();
    } else {
      out.writeNumber(value);
    }
  }

  private static void writeNullableString(JsonGenerator out, String value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeString(value);
    }
  }
}
