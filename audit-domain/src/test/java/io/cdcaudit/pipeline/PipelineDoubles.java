package io.cdcaudit.pipeline;

import io.cdcaudit.TestEvents;
import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.EventId;
import io.cdcaudit.event.Operation;
import io.cdcaudit.event.PrimaryKey;
import io.cdcaudit.event.Row;
import io.cdcaudit.event.TableRef;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Small doubles of the domain's ports, and the shared parts of a pipeline wired as
 * {@link PipelineRun} wires them, to test the pipeline's parts alone.
 */
final class PipelineDoubles {

  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** Quick enough for a test, so that retries wait a millisecond or two. */
  static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 2.0, 0.0, 0);
  static final SourcePartition P0 = SourcePartition.ordered("cdc", "0");

  private PipelineDoubles() {}

  /** A message of {@link #P0} whose value is {@code text}, as {@link TextDecoder} reads it. */
  static SourceMessage message(long position, String text) {
    return message(P0, position, text);
  }

  static SourceMessage message(SourcePartition partition, long position, String text) {
    return SourceMessage.builder(new MessageCoordinates(partition, Long.toString(position)))
        .value(text.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** The id {@link TextDecoder} gives the change {@code insert <seed>}. */
  static EventId idOf(String seed) {
    return EventId.derive("test", seed);
  }

  /**
   * Reads {@code insert <seed> [schema.table]} (an insert into {@code shop.users} by default, whose
   * id comes from the seed), {@code keyless <seed>} (one without a primary key) and
   * {@code marker}; anything else is malformed.
   */
  static final class TextDecoder implements ChangeDecoder {
    @Override
    public Decoded decode(SourceMessage message) throws DecodeException {
      String[] words = new String(message.value(), StandardCharsets.UTF_8).split(" ");
      if (words[0].equals("marker")) {
        return Decoded.skipped(Decoded.SkipReason.MARKER, "bootstrap-start");
      }
      if (words.length < 2 || !(words[0].equals("insert") || words[0].equals("keyless"))) {
        throw new DecodeException("not a change at $");
      }
      Row row = Row.builder().put("id", 1).build();
      TableRef table = words.length > 2 ? TableRef.parse(words[2]) : TestEvents.USERS;
      return Decoded.change(TestEvents.base(Operation.INSERT, words[1])
          .table(table)
          .primaryKey(words[0].equals("keyless") ? PrimaryKey.NONE : PrimaryKey.of("id", 1))
          .after(row)
          .build());
    }
  }

  /**
   * A store that keeps records by id. {@link #answer} decides each append: the default stores
   * all; a test makes it reject records or throw.
   */
  static final class MapStore implements AuditStore {
    final Map<EventId, AuditRecord> kept = new LinkedHashMap<>();
    final List<List<AuditRecord>> appends = new ArrayList<>();
    final Deque<RuntimeException> nextFailures = new ArrayDeque<>();
    Function<List<AuditRecord>, AppendResult> answer = batch -> AppendResult.allStored();

    @Override
    public synchronized AppendResult append(List<AuditRecord> records) {
      appends.add(List.copyOf(records));
      RuntimeException failure = nextFailures.poll();
      if (failure != null) {
        throw failure;
      }
      AppendResult result = answer.apply(records);
      for (AuditRecord record : records) {
        if (result.rejected().stream().noneMatch(r -> r.id().equals(record.id()))) {
          kept.putIfAbsent(record.id(), record);
        }
      }
      return result;
    }

    @Override
    public synchronized Optional<AuditRecord> find(EventId id) {
      return Optional.ofNullable(kept.get(id));
    }
  }

  /** A dead-letter sink that keeps the letters in a list, after failing the first sends a test asks it to. */
  static final class ListSink implements DeadLetterSink {
    final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    volatile int sendsToFail;

    @Override
    public synchronized void send(List<DeadLetter> deadLetters) {
      if (sendsToFail > 0) {
        sendsToFail--;
        throw new IllegalStateException("sink unreachable");
      }
      letters.addAll(deadLetters);
    }
  }

  /** A source that delivers nothing, and records pauses, resumes, acknowledgements and its closing. */
  static final class RecordingSource implements ChangeSource {
    final List<String> flow = new ArrayList<>();
    final List<List<SourceMessage>> acknowledgements = new ArrayList<>();
    int acknowledgementsToFail;
    boolean closed;

    @Override
    public List<SourceMessage> poll(Duration timeout) {
      return List.of();
    }

    @Override
    public void acknowledge(List<SourceMessage> messages) {
      acknowledgements.add(List.copyOf(messages));
      if (acknowledgementsToFail > 0) {
        acknowledgementsToFail--;
        throw new IllegalStateException("broker unreachable");
      }
    }

    @Override
    public void pause() {
      flow.add("pause");
    }

    @Override
    public void resume() {
      flow.add("resume");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Hears what the parts report, as text. */
  static final class HeardListener implements PipelineListener {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void onStored(List<AuditRecord> records, Duration sinceReceived) {
      heard.add("stored " + records.size());
    }

    @Override
    public void onSkipped(int count) {
      heard.add("skipped " + count);
    }

    @Override
    public void onDeadLettered(int count) {
      heard.add("dead-lettered " + count);
    }

    @Override
    public void onAcknowledged(int count) {
      heard.add("acknowledged " + count);
    }

    @Override
    public void onRetry(RetriedOperation what, int attempt, Throwable error, Duration delay) {
      heard.add("retry " + what.tagValue() + " " + attempt);
    }

    @Override
    public void onStateChange(State from, State to) {
      heard.add(from + " -> " + to);
    }

    @Override
    public void onStoredWithoutKey(TableRef table) {
      heard.add("without key " + table);
    }
  }

  /** The parts every other part reports to, wired as {@link PipelineRun} wires them. */
  static final class SharedParts {
    final HeardListener listener = new HeardListener();
    final PipelineLog log = new PipelineLog("test");
    final StopSignal stop = new StopSignal();
    final PipelineErrors errors = new PipelineErrors(CLOCK, stop);
    final PipelineState state = new PipelineState(CLOCK, errors, listener, log);
    final PipelineCounters counters = new PipelineCounters();

    RetryLoop retries(Backoff backoff) {
      return new RetryLoop(backoff, errors, state, stop, counters, listener, log);
    }
  }
}
