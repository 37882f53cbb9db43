package io.cdcaudit.pipeline;

import io.cdcaudit.event.TableRef;
import io.cdcaudit.pipeline.PipelineHealth.State;
import io.cdcaudit.record.AuditRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small doubles of the domain's ports, and the shared parts of a pipeline wired as
 * {@link AuditPipeline} wires them, to test the pipeline's parts alone.
 */
final class PipelineDoubles {

  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /** Quick enough for a test, so that retries wait a millisecond or two. */
  static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 2.0, 0.0, 0);

  private PipelineDoubles() {}

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
