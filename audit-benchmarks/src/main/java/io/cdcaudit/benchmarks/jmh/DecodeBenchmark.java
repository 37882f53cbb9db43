package io.cdcaudit.benchmarks.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdcaudit.benchmarks.BenchRecords;
import io.cdcaudit.benchmarks.RowMessages;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.pipeline.AuditRecordFactory;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.SourceMessage;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message at a time, as a pipeline worker sees it: the cost of the library's per-event work
 * against the cost of merely parsing the same bytes with Jackson.
 *
 * <ul>
 *   <li>{@link #jacksonReadTree}: the baseline, {@code new ObjectMapper().readTree(bytes)};
 *   <li>{@link #jacksonTokens}: a floor for any Jackson-based decoder, every token of the message
 *       read with the streaming parser and nothing built;
 *   <li>{@link #decode}: {@code ChangeDecoders.auto()} (the pipeline's decoder): parse, event,
 *       event id;
 *   <li>{@link #decodeToRecord}: decode, then {@code AuditRecordFactory.toRecord}: diff, column
 *       policy (hash, mask, drop), actor, retention ({@link BenchRecords#factory()}).
 * </ul>
 *
 * Rows of 5, 20 and 100 columns; 100 different messages per case (inserts, updates with the old
 * values, deletes: 6:3:1), decoded in turn. Settings are modest on purpose (one fork, 2 x 2 s
 * warm-up, 3 x 2 s measurement); {@code JmhMain} overrides them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DecodeBenchmark {

  private static final int MESSAGES = 100;

  @Param({"maxwell", "debezium"})
  public String format;

  @Param({"5", "20", "100"})
  public int columns;

  private final ObjectMapper plainMapper = new ObjectMapper();
  private final JsonFactory jsonFactory = new JsonFactory();
  private final ChangeDecoder decoder = ChangeDecoders.auto();
  private final AuditRecordFactory records = BenchRecords.factory();
  private SourceMessage[] messages;
  private int next;

  @Setup(Level.Trial)
  public void prepare() throws DecodeException {
    messages = new SourceMessage[MESSAGES];
    for (int n = 0; n < MESSAGES; n++) {
      messages[n] = format.equals("maxwell") ? RowMessages.maxwell(columns, n) : RowMessages.debezium(columns, n);
      // Every message must decode to a record, or the benchmark would measure an error path.
      Decoded decoded = decoder.decode(messages[n]);
      if (!(decoded instanceof Decoded.Change change) || records.toRecord(change.event()).isEmpty()) {
        throw new IllegalStateException("message " + n + " makes no record: " + decoded);
      }
    }
  }

  private SourceMessage nextMessage() {
    SourceMessage m = messages[next];
    next = next + 1 == MESSAGES ? 0 : next + 1;
    return m;
  }

  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return plainMapper.readTree(nextMessage().value());
  }

  @Benchmark
  public int jacksonTokens() throws IOException {
    int tokens = 0;
    try (JsonParser parser = jsonFactory.createParser(nextMessage().value())) {
      for (JsonToken t; (t = parser.nextToken()) != null; ) {
        // Strings are decoded lazily: ask for their length, as any decoder must read them.
        tokens += t == JsonToken.VALUE_STRING ? parser.getTextLength() : t.id();
      }
    }
    return tokens;
  }

  @Benchmark
  public Decoded decode() throws DecodeException {
    return decoder.decode(nextMessage());
  }

  @Benchmark
  public Optional<AuditRecord> decodeToRecord() throws DecodeException {
    return records.toRecord(((Decoded.Change) decoder.decode(nextMessage())).event());
  }
}
