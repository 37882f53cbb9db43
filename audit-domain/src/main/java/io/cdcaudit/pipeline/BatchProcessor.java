package io.cdcaudit.pipeline;

import io.cdcaudit.deadletter.DeadLetter;
import io.cdcaudit.deadletter.DeadLetterSink;
import io.cdcaudit.decode.ChangeDecoder;
import io.cdcaudit.decode.DecodeException;
import io.cdcaudit.decode.Decoded;
import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One batch of messages through a worker: decode, make records (filter, policies, actor,
 * retention), append them to the store, and send what cannot be decoded or stored to the
 * dead-letter sink with the reason. When {@link #process} returns, every message of the batch is
 * accounted for (stored, skipped or dead-lettered) and may be acknowledged.
 */
final class BatchProcessor {

  /**
   * What became of a batch's messages.
   *
   * @param stored the records the store keeps, in batch order
   * @param skipped messages that carry no change or whose table the filter leaves out
   * @param duplicates messages whose change is in the batch already (delivered twice)
   * @param deadLetters undecodable messages, messages no record could be made of, and messages
   *     whose record the store cannot take, each with the reason
   */
  record Outcome(List<AuditRecord> stored, int skipped, int duplicates, List<DeadLetter> deadLetters) {}

  private final ChangeDecoder decoder;
  private final AuditRecordFactory records;
  private final AuditStore store;
  private final DeadLetterSink deadLetters;
  private final RetryLoop retries;
  private final Clock clock;
  private final TablesWithoutKey keyless;
  private final PipelineCounters counters;
  private final PipelineListener listener;
  private final PipelineLog log;

  BatchProcessor(ChangeDecoder decoder, AuditRecordFactory records, AuditStore store, DeadLetterSink deadLetters,
      RetryLoop retries, Clock clock, TablesWithoutKey keyless, PipelineCounters counters, PipelineListener listener,
      PipelineLog log) {
    this.decoder = decoder;
    this.records = records;
    this.store = store;
    this.deadLetters = deadLetters;
    this.retries = retries;
    this.clock = clock;
    this.keyless = keyless;
    this.counters = counters;
    this.listener = listener;
    this.log = log;
  }

  /**
   * Processes {@code messages}, counting and reporting each outcome as it happens.
   *
   * @param receivedAtNanos when the first message was received ({@link System#nanoTime()}), for the latency heard
   * @throws AbandonedBatch when the store or the sink kept failing until the pipeline stopped or
   *     gave up: nothing of the batch may then be acknowledged
   */
  Outcome process(List<SourceMessage> messages, long receivedAtNanos) {
    List<AuditRecord> batch = new ArrayList<>(messages.size());
    Map<EventId, SourceMessage> origin = new LinkedHashMap<>();
    List<DeadLetter> dead = new ArrayList<>();
    int skipped = 0;
    int duplicates = 0;
    for (SourceMessage message : messages) {
      try {
        Decoded decoded = decoder.decode(message);
        Optional<AuditRecord> record = decoded instanceof Decoded.Change change
            ? records.toRecord(change.event()) : Optional.empty();
        if (record.isEmpty()) {
          skipped++;
        } else if (origin.putIfAbsent(record.get().id(), message) != null) {
          duplicates++;
        } else {
          batch.add(record.get());
          keyless.note(record.get());
        }
      } catch (DecodeException e) {
        dead.add(new DeadLetter(message, "undecodable: " + e.getMessage(), clock.instant()));
      } catch (RuntimeException e) {
        dead.add(new DeadLetter(message, "no audit record could be made: " + e, clock.instant()));
      }
    }
    int left = skipped + duplicates;
    if (left > 0) {
      counters.skipped.add(left);
      listener.onSkipped(left);
    }
    List<AuditRecord> kept = batch.isEmpty() ? List.of() : store(batch, origin, dead, receivedAtNanos);
    if (!dead.isEmpty()) {
      sendToDeadLetters(dead);
    }
    counters.processed.add(messages.size());
    return new Outcome(List.copyOf(kept), skipped, duplicates, List.copyOf(dead));
  }

  /** Appends {@code batch}; dead-letters the records the store rejects and returns the others. */
  private List<AuditRecord> store(List<AuditRecord> batch, Map<EventId, SourceMessage> origin, List<DeadLetter> dead,
      long receivedAtNanos) {
    AppendResult result = append(batch);
    List<AuditRecord> kept = batch;
    if (!result.rejected().isEmpty()) {
      Set<EventId> rejected = new HashSet<>();
      for (AppendResult.Rejection rejection : result.rejected()) {
        SourceMessage message = origin.get(rejection.id());
        if (message != null && rejected.add(rejection.id())) {
          dead.add(new DeadLetter(message, "the store cannot take the record: " + rejection.reason(), clock.instant()));
        }
      }
      kept = batch.stream().filter(r -> !rejected.contains(r.id())).toList();
    }
    counters.stored.add(kept.size());
    listener.onStored(kept, Duration.ofNanos(System.nanoTime() - receivedAtNanos));
    return kept;
  }

  /**
   * Appends with retries. A batch that fails permanently is stored record by record, so that the
   * one record a store cannot take is rejected (and dead-lettered) and the others are stored.
   */
  private AppendResult append(List<AuditRecord> batch) {
    try {
      return retries.run(RetriedOperation.STORE, () -> store.append(batch), BatchProcessor::isPermanent);
    } catch (RetryLoop.PermanentFailure failure) {
      if (batch.size() == 1) {
        return AppendResult.rejecting(List.of(new AppendResult.Rejection(
            batch.get(0).id(), "it failed permanently: " + failure.getCause())));
      }
      List<AppendResult.Rejection> rejected = new ArrayList<>();
      for (AuditRecord record : batch) {
        rejected.addAll(append(List.of(record)).rejected());
      }
      return AppendResult.rejecting(rejected);
    }
  }

  /** A store error no retry can mend: a permanent {@link StoreException}, or any other exception. */
  private static boolean isPermanent(RuntimeException e) {
    return !(e instanceof StoreException se) || se.isPermanent();
  }

  private void sendToDeadLetters(List<DeadLetter> dead) {
    DeadLetter first = dead.get(0);
    log.warning(() -> dead.size() + (dead.size() == 1 ? " message" : " messages")
        + " to the dead-letter sink; first: " + first.message() + ": " + first.reason());
    retries.run(RetriedOperation.DEAD_LETTER_SINK, () -> {
      deadLetters.send(dead);
      return null;
    });
    counters.deadLettered.add(dead.size());
    listener.onDeadLettered(dead.size());
  }
}
