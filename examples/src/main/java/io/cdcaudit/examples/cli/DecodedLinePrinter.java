package io.cdcaudit.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.json.AuditRecordJson;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Prints one JSON object per decoded line. Values print in the audit-record encoding
 * ({@link AuditRecordJson#writeValue}), so what this shows is what a store would keep.
 */
final class DecodedLinePrinter implements Closeable {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private final JsonGenerator out;

  DecodedLinePrinter(OutputStream stdout) throws IOException {
    this.out = FACTORY.createGenerator(stdout);
    // One object per line: the newline is written by hand, so no separator between root values.
    this.out.setRootValueSeparator(null);
  }

  void change(int line, ChangeEvent event) throws IOException {
    out.writeStartObject();
    out.writeNumberField("line", line);
    out.writeStringField("id", event.id().value());
    out.writeStringField("database", event.table().database());
    out.writeStringField("table", event.table().table());
    out.writeStringField("op", event.operation().wireName());
    out.writeFieldName("pk");
    rowOrNull(event.primaryKey().columns());
    out.writeArrayFieldStart("changed");
    if (event.operation() == Operation.UPDATE) {
      for (FieldChange change : RowDiff.of(event)) {
        out.writeString(change.column());
      }
    }
    out.writeEndArray();
    out.writeFieldName("before");
    rowOrNull(event.before());
    out.writeFieldName("after");
    rowOrNull(event.after());
    out.writeFieldName("tx");
    nullableString(event.transaction().map(t -> t.id()).orElse(null));
    out.writeStringField("committedAt", event.committedAt().toString());
    out.writeFieldName("statement");
    nullableString(event.statement().orElse(null));
    out.writeEndObject();
    endLine();
  }

  void skipped(int line, Decoded.Skipped skipped) throws IOException {
    out.writeStartObject();
    out.writeNumberField("line", line);
    out.writeStringField("skipped", skipped.reason().wireName());
    out.writeEndObject();
    endLine();
  }

  void error(int line, String message) throws IOException {
    out.writeStartObject();
    out.writeNumberField("line", line);
    out.writeStringField("error", message);
    out.writeEndObject();
    endLine();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void rowOrNull(Row row) throws IOException {
    if (row.isEmpty()) {
      out.writeNull();
    } else {
      AuditRecordJson.writeRow(out, row);
    }
  }

  private void nullableString(String value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      out.writeString(value);
    }
  }

  private void endLine() throws IOException {
    out.writeRaw('\n');
    out.flush();
  }
}
