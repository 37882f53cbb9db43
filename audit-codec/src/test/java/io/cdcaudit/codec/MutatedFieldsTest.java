package io.cdcaudit.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replaces every field of every captured message, down to the second level, with values of every
 * JSON kind, and checks that the decoders either decode the result or reject it with a
 * {@link DecodeException} of their own making: never another exception, and never through the
 * safety net that turns an unexpected RuntimeException into a DecodeException.
 */
@DisplayName("a captured message with any field replaced by a value of another kind")
class MutatedFieldsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> REPLACEMENTS = List.of(
      "null", "0", "-1", "1.5", "99999999999999999999999", "\"\"", "\"x:y\"", "true", "[]", "[null]", "{}",
      "{\"\":1}", "\"mysql-bin.000001:-5\"", "\"BEGIN\"");

  @Test
  @DisplayName("decodes or fails with the decoder's own DecodeException")
  void everyFieldEveryKind() throws Exception {
    List<String> problems = new ArrayList<>();
    int tried = 0;
    for (String producer : Fixtures.producers()) {
      ChangeDecoder own = producer.startsWith("maxwell") ? MaxwellDecoder.create() : DebeziumDecoder.create();
      List<ChangeDecoder> decoders = List.of(own, ChangeDecoders.auto());
      for (FixtureLine line : Fixtures.capture(producer)) {
        if (line.isTombstone()) {
          continue;
        }
        for (String mutated : mutations(MAPPER.readTree(line.value()))) {
          for (ChangeDecoder decoder : decoders) {
            tried++;
            try {
              decoder.decode(line.messageWithValue(mutated.getBytes(StandardCharsets.UTF_8)));
            } catch (DecodeException e) {
              if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("unexpected")) {
                problems.add(line.describe() + " as " + mutated + ": " + e.getMessage());
              }
            } catch (RuntimeException e) {
              problems.add(line.describe() + " as " + mutated + ": " + e);
            }
          }
        }
      }
    }
    assertThat(tried).isGreaterThan(10_000);
    assertThat(problems).isEmpty();
  }

  /** The message with one field (top level or one level down) replaced or removed, every way. */
  private static List<String> mutations(JsonNode root) throws Exception {
    List<String> mutated = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    root.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      for (String replacement : REPLACEMENTS) {
        ObjectNode copy = root.deepCopy();
        copy.set(field, MAPPER.readTree(replacement));
        mutated.add(MAPPER.writeValueAsString(copy));
      }
      JsonNode child = root.get(field);
      if (child.isObject()) {
        List<String> childFields = new ArrayList<>();
        child.fieldNames().forEachRemaining(childFields::add);
        for (String childField : childFields) {
          for (String replacement : REPLACEMENTS) {
            ObjectNode copy = root.deepCopy();
            ((ObjectNode) copy.get(field)).set(childField, MAPPER.readTree(replacement));
            mutated.add(MAPPER.writeValueAsString(copy));
          }
        }
      }
    }
    for (String field : fields) {
      ObjectNode copy = root.deepCopy();
      copy.remove(field);
      mutated.add(MAPPER.writeValueAsString(copy));
    }
    return mutated;
  }
}
