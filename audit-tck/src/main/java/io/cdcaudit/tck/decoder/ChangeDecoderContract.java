package io.cdcaudit.tck.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.event.TransactionRef;
import io.cdcaudit.event.Value;
import io.cdcaudit.tck.fixtures.ExpectedEvent;
import io.cdcaudit.tck.fixtures.FixtureLine;
import io.cdcaudit.tck.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link ChangeDecoder} keeps, checked against the real captures of the
 * fixtures ({@link Fixtures}) and hand-written malformed messages ({@link MalformedMessage}).
 *
 * <p>Extend it in the implementation's tests, supply a fresh decoder per producer and say which
 * captures the decoder handles:
 *
 * <pre>{@code
 * class MaxwellDecoderContractTest extends ChangeDecoderContract {
 *   protected ChangeDecoder decoderFor(String producer) {
 *     return MaxwellDecoder.builder().primaryKeys(Fixtures.primaryKeyColumns()).build();
 *   }
 *   protected Set<String> producers() {
 *     return Set.of(Fixtures.MAXWELL, Fixtures.MAXWELL_DEFAULT);
 *   }
 * }
 * }</pre>
 *
 * <p>Each capture is decoded in file order by one decoder, as a pipeline would, so that a decoder
 * may learn from earlier lines (primary keys from DDL, for instance).
 */
public abstract class ChangeDecoderContract {

  /** Every commit time in the captures lies in this range; a wrong unit (seconds for milliseconds) lands far outside. */
  private static final Instant CAPTURE_START = Instant.parse("2026-11-23T08:00:00Z");
  private static final Instant CAPTURE_END = Instant.parse("2026-11-23T08:30:00Z");

  /**
   * A fresh decoder for one capture. For {@link Fixtures#MAXWELL_DEFAULT}, whose events say nothing
   * about primary keys, configure the keys of {@link Fixtures#primaryKeyColumns()}.
   *
   * @param producer a capture of {@link Fixtures#producers()}, such as {@code maxwell-default}
   * @return the decoder under test
   */
  protected abstract ChangeDecoder decoderFor(String producer);

  /**
   * The captures ({@link Fixtures#producers()}) this decoder handles.
   *
   * @return the names of the captures
   */
  protected abstract Set<String> producers();

  /**
   * The malformed messages this decoder must reject; by default the kit's catalogue for the
   * producer families of {@link #producers()}. Override to add cases.
   *
   * @return the cases
   */
  protected List<MalformedMessage> malformedMessages() {
    Set<String> families = new HashSet<>();
    for (String producer : producers()) {
      families.add(producer.startsWith("maxwell") ? MalformedMessage.MAXWELL : MalformedMessage.DEBEZIUM);
    }
    return MalformedMessage.catalogue(families);
  }

  /** The handled captures, in the fixtures' order. */
  private List<String> handledProducers() {
    return Fixtures.producers().stream().filter(producers()::contains).toList();
  }

  /** The outcome of decoding one line: a result or the exception. */
  private record Outcome(FixtureLine line, Decoded decoded, DecodeException error) {

    ChangeEvent event() {
      if (error != null) {
        throw new AssertionError(line.describe() + " did not decode: " + error.getMessage(), error);
      }
      if (!(decoded instanceof Decoded.Change change)) {
        throw new AssertionError(line.describe() + " decoded to " + decoded + ", not to a change");
      }
      return change.event();
    }
  }

  private List<Outcome> decodeCapture(ChangeDecoder decoder, String producer) {
    List<Outcome> outcomes = new ArrayList<>();
    for (FixtureLine line : Fixtures.capture(producer)) {
      try {
        outcomes.add(new Outcome(line, decoder.decode(line.message()), null));
      } catch (DecodeException e) {
        outcomes.add(new Outcome(line, null, e));
      }
    }
    return outcomes;
  }

  /** One dynamic test per captured line of every handled producer. */
  private Stream<DynamicNode> perLine(Function<ExpectedEvent, String> name, LineCheck check) {
    return handledProducers().stream().map(producer -> {
      List<Outcome> outcomes = decodeCapture(decoderFor(producer), producer);
      List<ExpectedEvent> expected = Fixtures.expected(producer);
      assertThat(outcomes).as("%s lines against expected.jsonl", producer).hasSameSizeAs(expected);
      List<DynamicNode> tests = new ArrayList<>();
      for (int i = 0; i < outcomes.size(); i++) {
        Outcome outcome = outcomes.get(i);
        ExpectedEvent want = expected.get(i);
        tests.add(dynamicTest(want.describe() + ": " + name.apply(want), () -> check.check(outcome, want)));
      }
      return dynamicContainer(producer, tests);
    });
  }

  @FunctionalInterface
  private interface LineCheck {
    void check(Outcome outcome, ExpectedEvent expected) throws Exception;
  }

  /** Checks of each captured line against its summary in expected.jsonl. */
  @Nested
  @DisplayName("decoding the captures")
  class Captures {

    @TestFactory
    @DisplayName("gives every line the operation, table and commit time that expected.jsonl records, and its message's coordinates as origin")
    Stream<DynamicNode> operationAndTable() {
      return perLine(e -> e.op() + " of " + e.database() + "." + e.table(), (outcome, expected) -> {
        if (expected.isSkipped()) {
          assertThat(outcome.error()).as("%s must not fail", expected.describe()).isNull();
          assertThat(outcome.decoded()).as(expected.describe()).isInstanceOf(Decoded.Skipped.class);
          Decoded.Skipped skipped = (Decoded.Skipped) outcome.decoded();
          assertThat(skipped.reason().wireName()).as(expected.describe()).isEqualTo(expected.skipReason());
          assertThat(skipped.detail()).as("%s skip detail", expected.describe()).isNotBlank();
          return;
        }
        ChangeEvent event = outcome.event();
        assertThat(event.operation().wireName()).as("%s operation", expected.describe())
            .isEqualTo(expected.operationWireName());
        assertThat(event.table().database()).as("%s database", expected.describe()).isEqualTo(expected.database());
        assertThat(event.table().table()).as("%s table", expected.describe()).isEqualTo(expected.tableOrEmpty());
        assertThat(event.producer()).as("%s producer", expected.describe()).isNotBlank();
        assertThat(event.committedAt()).as("%s commit time", expected.describe())
            .isBetween(CAPTURE_START, CAPTURE_END);
        assertThat(event.origin()).as("%s origin", expected.describe()).contains(outcome.line().message().coordinates());
      });
    }

    @TestFactory
    @DisplayName("gives every change the primary key and transaction that expected.jsonl records")
    Stream<DynamicNode> keyAndTransaction() {
      return perLine(e -> "key " + e.primaryKey() + ", transaction " + e.transaction(), (outcome, expected) -> {
        if (expected.isSkipped()) {
          assertThat(outcome.error()).as("%s must not fail", expected.describe()).isNull();
          return;
        }
        ChangeEvent event = outcome.event();
        if (expected.primaryKey() == null) {
          assertThat(event.primaryKey().isNone()).as("%s has no key, got %s", expected.describe(), event.primaryKey())
              .isTrue();
        } else {
          assertThat(plain(event.primaryKey().columns())).as("%s key", expected.describe())
              .containsExactlyEntriesOf(expected.primaryKey());
        }
        assertThat(event.transaction().map(TransactionRef::id).orElse(null)).as("%s transaction", expected.describe())
            .isEqualTo(expected.transaction());
      });
    }

    @TestFactory
    @DisplayName("gives every change the row images its operation needs, and updates the changed columns expected.jsonl records")
    Stream<DynamicNode> imagesAndChangedColumns() {
      return perLine(e -> e.op() + (e.changedColumns().isEmpty() ? "" : " changing " + e.changedColumns()),
          (outcome, expected) -> {
            if (expected.isSkipped()) {
              assertThat(outcome.error()).as("%s must not fail", expected.describe()).isNull();
              return;
            }
            ChangeEvent event = outcome.event();
            Operation op = event.operation();
            boolean hasBefore = op == Operation.UPDATE || op == Operation.DELETE;
            boolean hasAfter = op == Operation.INSERT || op == Operation.UPDATE || op == Operation.SNAPSHOT;
            assertThat(event.before().isEmpty()).as("%s before image is empty", expected.describe()).isEqualTo(!hasBefore);
            assertThat(event.after().isEmpty()).as("%s after image is empty", expected.describe()).isEqualTo(!hasAfter);
            if (op == Operation.UPDATE) {
              assertThat(RowDiff.of(event).stream().map(FieldChange::column).toList())
                  .as("%s changed columns", expected.describe())
                  .containsExactlyElementsOf(expected.changedColumns());
            }
            if (op == Operation.SCHEMA_CHANGE) {
              assertThat(event.statement()).as("%s statement", expected.describe()).hasValueSatisfying(
                  sql -> assertThat(sql).isNotBlank());
            }
          });
    }
  }

  /** Event ids are what make at-least-once delivery store exactly once. */
  @Nested
  @DisplayName("event ids")
  class EventIds {

    @TestFactory
    @DisplayName("are the same when a capture is decoded again, by the same decoder or a fresh one")
    Stream<DynamicNode> deterministic() {
      return handledProducers().stream().map(producer -> dynamicTest(producer, () -> {
        ChangeDecoder decoder = decoderFor(producer);
        List<EventId> first = ids(decodeCapture(decoder, producer));
        List<EventId> again = ids(decodeCapture(decoder, producer));
        List<EventId> fresh = ids(decodeCapture(decoderFor(producer), producer));
        assertThat(again).as("%s decoded twice by one decoder", producer).containsExactlyElementsOf(first);
        assertThat(fresh).as("%s decoded by a fresh decoder", producer).containsExactlyElementsOf(first);
      }));
    }

    @TestFactory
    @DisplayName("are the same when one line is decoded twice in a row")
    Stream<DynamicNode> sameLineTwice() {
      return handledProducers().stream().map(producer -> dynamicTest(producer, () -> {
        ChangeDecoder decoder = decoderFor(producer);
        for (FixtureLine line : Fixtures.capture(producer)) {
          Decoded once = decoder.decode(line.message());
          Decoded twice = decoder.decode(line.message());
          assertThat(twice).as("%s decoded twice", line.describe()).isEqualTo(once);
        }
      }));
    }

    @TestFactory
    @DisplayName("differ for every change of a capture")
    Stream<DynamicNode> distinct() {
      return handledProducers().stream().map(producer -> dynamicTest(producer, () -> {
        Map<EventId, String> seen = new LinkedHashMap<>();
        for (Outcome outcome : decodeCapture(decoderFor(producer), producer)) {
          if (outcome.decoded() instanceof Decoded.Change change) {
            String earlier = seen.putIfAbsent(change.event().id(), outcome.line().describe());
            assertThat(earlier).as("%s has the id of %s: %s", outcome.line().describe(), earlier, change.event().id())
                .isNull();
          }
        }
        assertThat(seen).as("%s changes", producer).isNotEmpty();
      }));
    }

    private List<EventId> ids(List<Outcome> outcomes) {
      return outcomes.stream()
          .filter(o -> o.decoded() instanceof Decoded.Change)
          .map(o -> ((Decoded.Change) o.decoded()).event().id())
          .toList();
    }
  }

  /** Malformed input is reported, never dropped and never a crash. */
  @Nested
  @DisplayName("malformed input")
  class MalformedInput {

    @TestFactory
    @DisplayName("fails with a DecodeException that says what is wrong")
    Stream<DynamicNode> handWritten() {
      List<MalformedMessage> cases = malformedMessages();
      assertThat(cases).as("malformed cases for %s", producers()).isNotEmpty();
      return cases.stream().map(malformed -> dynamicTest(malformed.toString(), () -> {
        ChangeDecoder decoder = decoderFor(producerOf(malformed.family()));
        try {
          Decoded decoded = decoder.decode(malformed.message());
          fail("%s decoded to %s instead of failing", malformed, decoded);
        } catch (DecodeException e) {
          assertThat(e.getMessage()).as("message of %s", malformed).isNotBlank();
        }
      }));
    }

    @TestFactory
    @DisplayName("truncated anywhere, each line either decodes or fails with a DecodeException")
    Stream<DynamicNode> truncated() {
      return handledProducers().stream().map(producer -> dynamicTest(producer, () -> {
        ChangeDecoder decoder = decoderFor(producer);
        List<String> problems = new ArrayList<>();
        for (FixtureLine line : Fixtures.capture(producer)) {
          byte[] value = line.value().getBytes(StandardCharsets.UTF_8);
          for (int length = 0; length <= value.length; length++) {
            try {
              decoder.decode(line.messageWithValue(Arrays.copyOf(value, length)));
            } catch (DecodeException e) {
              if (e.getMessage() == null || e.getMessage().isBlank()) {
                problems.add(line.describe() + " cut at byte " + length + ": DecodeException without a message");
              }
            } catch (RuntimeException | Error e) {
              problems.add(line.describe() + " cut at byte " + length + ": " + e);
            }
          }
        }
        assertThat(problems).as("truncated %s lines that neither decoded nor failed cleanly", producer).isEmpty();
      }));
    }

    private String producerOf(String family) {
      return handledProducers().stream()
          .filter(p -> p.startsWith(family))
          .findFirst()
          .orElse(handledProducers().get(0));
    }
  }

  /** Decoders run on several worker threads at once. */
  @Nested
  @DisplayName("concurrency")
  class Concurrency {

    @TestFactory
    @DisplayName("decoding from several threads at once gives what decoding in order gives")
    Stream<DynamicNode> severalThreads() {
      return handledProducers().stream().map(producer -> dynamicTest(producer, () -> {
        ChangeDecoder decoder = decoderFor(producer);
        List<FixtureLine> lines = Fixtures.capture(producer);
        List<Outcome> inOrder = decodeCapture(decoder, producer);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<List<String>>> runs = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            long seed = t;
            runs.add(pool.submit(() -> {
              List<String> mismatches = new ArrayList<>();
              List<Integer> order = new ArrayList<>();
              for (int repeat = 0; repeat < 5; repeat++) {
                for (int i = 0; i < lines.size(); i++) {
                  order.add(i);
                }
              }
              Collections.shuffle(order, new Random(seed));
              for (int i : order) {
                Outcome expected = inOrder.get(i);
                try {
                  Decoded decoded = decoder.decode(lines.get(i).message());
                  if (!decoded.equals(expected.decoded())) {
                    mismatches.add(lines.get(i).describe() + ": " + decoded + " but in order " + expected.decoded());
                  }
                } catch (DecodeException e) {
                  if (expected.error() == null) {
                    mismatches.add(lines.get(i).describe() + ": failed with " + e.getMessage());
                  }
                }
              }
              return mismatches;
            }));
          }
          List<String> mismatches = new ArrayList<>();
          for (Future<List<String>> run : runs) {
            mismatches.addAll(run.get(60, TimeUnit.SECONDS));
          }
          assertThat(mismatches).as("%s decoded concurrently", producer).isEmpty();
        } finally {
          pool.shutdownNow();
        }
      }));
    }
  }

  /** A key row as plain Java values, comparable with {@link ExpectedEvent#primaryKey()}. */
  private static Map<String, Object> plain(Row row) {
    Map<String, Object> plain = new LinkedHashMap<>();
    for (Map.Entry<String, Value> column : row.asMap().entrySet()) {
      plain.put(column.getKey(), plain(column.getValue()));
    }
    return plain;
  }

  private static Object plain(Value value) {
    if (value.isNull()) {
      return null;
    }
    if (value instanceof Value.Int i) {
      return i.value();
    }
    if (value instanceof Value.BigInt b) {
      return b.value();
    }
    if (value instanceof Value.Decimal d) {
      return d.value();
    }
    if (value instanceof Value.Bool b) {
      return b.value();
    }
    return value.asText();
  }
}
