package io.cdcaudit.kinesis.internal;

import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The KCL's record processor for one shard, on the shard's thread: it hands each record to the
 * {@link Handover} in sequence order (blocking while the shard's queue is full) and checkpoints the
 * acknowledged prefix whenever the KCL calls it, also with no records (the source asks for those
 * calls), and while it waits for room. It never checkpoints a record that was only queued, and
 * at a shard end it checkpoints {@code SHARD_END} only once every record of the shard is
 * acknowledged, so the children's records come after all of their parent's.
 *
 * <p>It never throws: the KCL would log the exception and go on with the next batch, passing over
 * the records of this one that were not queued. When anything unexpected happens, the feed is
 * released (nothing after it is delivered) and the pipeline is told.
 */
public final class ShardProcessor implements ShardRecordProcessor {

  private static final Logger LOG = System.getLogger(ShardProcessor.class.getName());
  /** How often a waiting shard thread checkpoints what was acknowledged meanwhile and checks its lease. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

  private final Handover handover;
  private final String stream;
  private final Predicate<String> leaseHeld;
  private ShardFeed feed;
  private String shardId;

  /**
   * A processor for one shard of {@code stream}.
   *
   * @param handover the hand-over to the pipeline
   * @param stream the stream name, for the messages' partitions
   * @param leaseHeld whether this worker still holds the lease of a shard id
   */
  public ShardProcessor(Handover handover, String stream, Predicate<String> leaseHeld) {
    this.handover = handover;
    this.stream = stream;
    this.leaseHeld = leaseHeld;
  }

  @Override
  public void initialize(InitializationInput input) {
    shardId = input.shardId();
    feed = handover.open(SourcePartition.ordered(stream, shardId));
    LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": lease taken, reading from " + input.extendedSequenceNumber());
  }

  @Override
  public void processRecords(ProcessRecordsInput input) {
    try {
      RecordProcessorCheckpointer checkpointer = input.checkpointer();
      for (KinesisClientRecord record : input.records()) {
        if (!queue(record, checkpointer)) {
          return;
        }
      }
      checkpointAcknowledged(checkpointer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handover.release(feed);
    } catch (RuntimeException e) {
      failed("reading its records", e);
    }
  }

  /** Queues one record, checkpointing and checking the lease while the queue stays full; false once the feed ended. */
  private boolean queue(KinesisClientRecord record, RecordProcessorCheckpointer checkpointer) throws InterruptedException {
    SourceMessage message = message(record);
    while (true) {
      switch (handover.offer(feed, message, CHECK_INTERVAL)) {
        case ACCEPTED:
          return true;
        case CLOSED:
          return false;
        case FULL:
        default:
          checkpointAcknowledged(checkpointer);
          if (!stillLeased()) {
            return false;
          }
      }
    }
  }

  private SourceMessage message(KinesisClientRecord record) {
    ShardPosition position = ShardPosition.of(record.sequenceNumber(), record.subSequenceNumber());
    ByteBuffer data = record.data().duplicate();
    byte[] value = new byte[data.remaining()];
    data.get(value);
    return SourceMessage.builder(new MessageCoordinates(feed.partition(), position.describe(record.aggregated())))
        .key(record.partitionKey() == null ? null : record.partitionKey().getBytes(StandardCharsets.UTF_8))
        .value(value)
        .timestamp(record.approximateArrivalTimestamp())
        .receipt(Handover.receipt(feed, position))
        .build();
  }

  private boolean stillLeased() {
    if (leaseHeld.test(shardId)) {
      return true;
    }
    LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": lease lost while waiting for the pipeline; "
        + "its next owner reads again from the last checkpoint");
    handover.release(feed);
    return false;
  }

  @Override
  public void leaseLost(LeaseLostInput input) {
    boolean delivering = handover.isOpen(feed);
    handover.release(feed);
    if (delivering) { // else it ended here already (shut down, shard end), and the KCL only confirms it
      LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": lease lost; its next owner reads again from the last checkpoint");
    }
  }

  @Override
  public void shardEnded(ShardEndedInput input) {
    // The children of this shard start once it is checkpointed at its end: only after every record is stored.
    try {
      while (!handover.awaitAllAcknowledged(feed, CHECK_INTERVAL)) {
        if (!handover.isOpen(feed)) {
          return;
        }
        checkpointAcknowledged(input.checkpointer());
        if (!stillLeased()) {
          return;
        }
      }
      input.checkpointer().checkpoint();
      handover.release(feed);
      LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": ended (split or merged), every record stored; checkpointed SHARD_END");
    } catch (ShutdownException e) {
      handover.release(feed);
      LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": lease lost at the shard end; its next owner ends it");
    } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
      // Not released: the KCL calls shardEnded again and the checkpoint is tried again then.
      LOG.log(Level.WARNING, () -> "Kinesis shard " + feed + ": SHARD_END checkpoint failed, tried again: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handover.release(feed);
    } catch (RuntimeException e) {
      failed("checkpointing its end", e);
    }
  }

  @Override
  public void shutdownRequested(ShutdownRequestedInput input) {
    // Graceful: the source closes, or the KCL hands the lease to another worker. What was stored is checkpointed.
    Optional<ShardPosition> last = handover.release(feed);
    if (last.isPresent()) {
      write(input.checkpointer(), last.get());
    }
    LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": shut down, checkpointed " + last.map(Object::toString).orElse("nothing new"));
  }

  private void checkpointAcknowledged(RecordProcessorCheckpointer checkpointer) {
    Optional<ShardPosition> next = handover.uncheckpointed(feed);
    if (next.isPresent()) {
      write(checkpointer, next.get());
    }
  }

  private void write(RecordProcessorCheckpointer checkpointer, ShardPosition position) {
    try {
      checkpointer.checkpoint(position.sequenceNumber().toString(), position.subSequenceNumber());
      handover.checkpointed(feed, position);
    } catch (ShutdownException e) {
      handover.release(feed);
      LOG.log(Level.INFO, () -> "Kinesis shard " + feed + ": lease lost while checkpointing; its next owner reads again from the last checkpoint");
    } catch (ThrottlingException | KinesisClientLibDependencyException e) {
      // The next call checkpoints the prefix again, by then maybe longer.
      LOG.log(Level.WARNING, () -> "Kinesis shard " + feed + ": checkpoint at " + position + " failed, tried again later: " + e);
    } catch (InvalidStateException e) {
      LOG.log(Level.WARNING, () -> "Kinesis shard " + feed + ": checkpoint at " + position + " refused (lease table?): " + e);
      handover.fail(new SourceException("Kinesis shard " + feed + ": the checkpoint was refused: " + e.getMessage()
          + " (the lease table in DynamoDB: does it exist, may this worker write it?)", e));
    }
  }

  private void failed(String what, RuntimeException e) {
    handover.release(feed);
    LOG.log(Level.ERROR, () -> "Kinesis shard " + feed + ": failed " + what + "; nothing more of it is delivered", e);
    handover.fail(SourceException.unusable("Kinesis shard " + feed + " failed " + what + ": " + e
        + "; nothing after its last checkpoint is lost: a restart reads it again", e));
  }
}
