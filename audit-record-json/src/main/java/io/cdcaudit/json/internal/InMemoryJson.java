package io.cdcaudit.json.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdcaudit.json.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes JSON into memory, where writing cannot fail. Internal: not part of the public API. */
public final class InMemoryJson {

  /** Something that writes one JSON value to a generator. */
  @FunctionalInterface
  public interface Writing {
    /**
     * Writes the value.
     *
     * @throws IOException when {@code out} fails, which a generator over memory never does
     */
    void writeTo(JsonGenerator out) throws IOException;
  }

  private InMemoryJson() {}

  /** What {@code writing} writes, as UTF-8 bytes; {@code expectedSize} sizes the buffer. */
  public static byte[] bytes(int expectedSize, Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedSize);
    try (JsonGenerator out = StrictJson.factory().createGenerator(bytes, JsonEncoding.UTF8)) {
      writing.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** What {@code writing} writes, as text; {@code expectedSize} sizes the buffer. */
  public static String text(int expectedSize, Writing writing) {
    StringWriter text = new StringWriter(expectedSize);
    try (JsonGenerator out = StrictJson.factory().createGenerator(text)) {
      writing.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return text.toString();
  }
}
