package io.cdcaudit.benchmarks.jmh;

import io.cdcaudit.benchmarks.BenchRecords;
import io.cdcaudit.codec.ChangeDecoders;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.ChangeEvent;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.FieldChange;
import io.cdcaudit.event.RowDiff;
import io.cdcaudit.policy.ColumnPolicy;
import io.cdcaudit.policy.HashKey;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.tck.SyntheticMaxwellEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps the harness profile shows hot, measured on their own, each next to the same work done
 * without the per-call set-up, so that a library change can be judged before it is made (see
 * BENCHMARKS.md). Inputs are the harness's own events ({@code SyntheticMaxwellEvents} 0-9: six
 * inserts, three updates, one delete), decoded once in {@code @Setup}.
 *
 * <ul>
 *   <li>{@link #policyApply}: {@code ColumnPolicy.apply} of the benchmark policy (hash
 *       {@code customer_id}, which every table has; mask; drop), on an event and its diff;
 *   <li>{@link #hmacAsIs} / {@link #hmacReusedMac}: {@code HashKey.hmac} of a value as the library
 *       does it ({@code Mac.getInstance} and {@code init} on every call) and with one initialised
 *       {@code Mac} per thread;
 *   <li>{@link #eventIdDerive}: {@code EventId.derive} of Maxwell's ten coordinates (text,
 *       digest, hex); {@link #sha256NewDigest} / {@link #sha256ReusedDigest}: the digest of the same
 *       bytes with a {@code MessageDigest.getInstance} per call, as the library does, and with one
 *       reused {@code MessageDigest}.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HotspotBenchmark {

  private static final int EVENTS = 10;

  private final ColumnPolicy policy = BenchRecords.columnPolicy();
  private final HashKey key = BenchRecords.hashKey();
  private ChangeEvent[] events;
  private List<List<FieldChange>> diffs;
  private byte[][] values;
  private String[][] coordinates;
  private byte[][] canonical;
  private Mac mac;
  private MessageDigest sha256;
  private int next;

  @Setup(Level.Trial)
  public void prepare() throws Exception {
    ChangeDecoder decoder = ChangeDecoders.auto();
    events = new ChangeEvent[EVENTS];
    diffs = new java.util.ArrayList<>();
    values = new byte[EVENTS][];
    coordinates = new String[EVENTS][];
    canonical = new byte[EVENTS][];
    for (int n = 0; n < EVENTS; n++) {
      SourceMessage message = SourceMessage.builder(new MessageCoordinates(SourcePartition.ordered("t", "0"), Integer.toString(n)))
          .key(SyntheticMaxwellEvents.key(n))
          .value(SyntheticMaxwellEvents.event(n))
          .build();
      events[n] = ((Decoded.Change) decoder.decode(message)).event();
      diffs.add(RowDiff.of(events[n]));
      values[n] = ("customer" + n * 97 + "@example.com").getBytes(StandardCharsets.UTF_8);
      // Maxwell's coordinates of an event id (MaxwellDecoder): producer, server, file, offset, xid, place, db, table, op, key.
      coordinates[n] = new String[] {"maxwell", "1", "mysql-bin.000001", Long.toString(4 + 100L * n), Long.toString(1000 + n),
          "commit", SyntheticMaxwellEvents.DATABASE, SyntheticMaxwellEvents.table(n), SyntheticMaxwellEvents.type(n), "{\"id\":" + n / 10 + "}"};
      StringBuilder text = new StringBuilder();
      for (String part : coordinates[n]) {
        text.append(part.length()).append(':').append(part).append('|');
      }
      canonical[n] = text.toString().getBytes(StandardCharsets.UTF_8);
    }
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(BenchRecords.KEY_BYTES, "HmacSHA256"));
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  private int nextIndex() {
    int i = next;
    next = next + 1 == EVENTS ? 0 : next + 1;
    return i;
  }

  @Benchmark
  public ColumnPolicy.Protected policyApply() {
    int i = nextIndex();
    return policy.apply(events[i], diffs.get(i));
  }

  @Benchmark
  public byte[] hmacAsIs() {
    return key.hmac(values[nextIndex()]);
  }

  @Benchmark
  public byte[] hmacReusedMac() {
    return mac.doFinal(values[nextIndex()]);
  }

  @Benchmark
  public EventId eventIdDerive() {
    return EventId.derive(coordinates[nextIndex()]);
  }

  @Benchmark
  public byte[] sha256NewDigest() throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(canonical[nextIndex()]);
  }

  @Benchmark
  public byte[] sha256ReusedDigest() {
    return sha256.digest(canonical[nextIndex()]);
  }
}
