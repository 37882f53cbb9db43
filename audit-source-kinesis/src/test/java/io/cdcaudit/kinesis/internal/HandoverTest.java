package io.cdcaudit.kinesis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import io.cdcaudit.source.SourcePartition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The hand-over between the KCL's shard threads and the pipeline")
class HandoverTest {

  private static final Duration NO_WAIT = Duration.ZERO;
  private final Handover handover = new Handover(3);
  private final SourcePartition shard0 = SourcePartition.ordered("orders", "shardId-000000000000");
  private final SourcePartition shard1 = SourcePartition.ordered("orders", "shardId-000000000001");

  private static SourceMessage message(ShardFeed feed, long sequence, long sub) {
    ShardPosition position = new ShardPosition(java.math.BigInteger.valueOf(sequence), sub);
    return SourceMessage.builder(new MessageCoordinates(feed.partition(), position.describe(sub > 0)))
        .value(new byte[] {1})
        .receipt(Handover.receipt(feed, position))
        .build();
  }

  private void offer(ShardFeed feed, long... sequences) throws InterruptedException {
    for (long sequence : sequences) {
      assertThat(handover.offer(feed, message(feed, sequence, 0), NO_WAIT)).isEqualTo(Handover.Offer.ACCEPTED);
    }
  }

  @Test
  @DisplayName("checkpoints only the contiguous acknowledged prefix, whatever order acknowledgements come in")
  void prefixOnly() throws InterruptedException {
    ShardFeed feed = handover.open(shard0);
    offer(feed, 10, 20, 30);
    List<SourceMessage> delivered = handover.take(NO_WAIT, 10);

    handover.acknowledged(List.of(delivered.get(2), delivered.get(1)));
    assertThat(handover.uncheckpointed(feed)).as("the first is not stored yet").isEmpty();

    handover.acknowledged(List.of(delivered.get(0)));
    assertThat(handover.uncheckpointed(feed)).contains(new ShardPosition(java.math.BigInteger.valueOf(30), 0));
    handover.checkpointed(feed, new ShardPosition(java.math.BigInteger.valueOf(30), 0));
    assertThat(handover.uncheckpointed(feed)).isEmpty();
  }

  @Test
  @DisplayName("never checkpoints a record that was only queued, not delivered")
  void queuedIsNotCheckpointed() throws InterruptedException {
    ShardFeed feed = handover.open(shard0);
    offer(feed, 1);
    List<SourceMessage> first = handover.take(NO_WAIT, 10);
    offer(feed, 2, 3);
    handover.acknowledged(first);

    assertThat(handover.uncheckpointed(feed)).contains(new ShardPosition(java.math.BigInteger.ONE, 0));
  }

  @Test
  @DisplayName("the user records of one aggregate are checkpointed one by one, by sub-sequence number")
  void subSequenceNumbers() throws InterruptedException {
    ShardFeed feed = handover.open(shard0);
    for (long sub = 0; sub < 3; sub++) {
      assertThat(handover.offer(feed, message(feed, 7, sub), NO_WAIT)).isEqualTo(Handover.Offer.ACCEPTED);
    }
    List<SourceMessage> delivered = handover.take(NO_WAIT, 10);
    handover.acknowledged(delivered.subList(0, 2));

    assertThat(handover.uncheckpointed(feed)).contains(new ShardPosition(java.math.BigInteger.valueOf(7), 1));
    assertThat(delivered).extracting(m -> m.coordinates().position()).containsExactly("7", "7:1", "7:2");
  }

  @Test
  @DisplayName("a full shard queue makes its thread wait (backpressure), until the pipeline takes records")
  void boundedQueue() throws Exception {
    ShardFeed feed = handover.open(shard0);
    offer(feed, 1, 2, 3);

    assertThat(handover.offer(feed, message(feed, 4, 0), Duration.ofMillis(50))).isEqualTo(Handover.Offer.FULL);
    CompletableFuture<Handover.Offer> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return handover.offer(feed, message(feed, 4, 0), Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    assertThat(waiting).isNotDone();
    handover.take(NO_WAIT, 1);

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(Handover.Offer.ACCEPTED);
  }

  @Test
  @DisplayName("paused, it delivers nothing and the shard queue fills; resumed, everything comes in order")
  void pause() throws InterruptedException {
    ShardFeed feed = handover.open(shard0);
    handover.pause();
    offer(feed, 1, 2, 3);

    assertThat(handover.take(Duration.ofMillis(50), 10)).isEmpty();
    handover.resume();
    assertThat(handover.take(NO_WAIT, 10)).extracting(m -> m.coordinates().position()).containsExactly("1", "2", "3");
  }

  @Test
  @DisplayName("a released feed (lost lease) delivers nothing more, drops its queue, and ignores acknowledgements")
  void releasedFeed() throws InterruptedException {
    ShardFeed feed = handover.open(shard0);
    offer(feed, 1, 2);
    List<SourceMessage> delivered = handover.take(NO_WAIT, 1);
    handover.release(feed);

    handover.acknowledged(delivered);
    assertThat(handover.uncheckpointed(feed)).isEmpty();
    assertThat(handover.take(NO_WAIT, 10)).isEmpty();
    assertThat(handover.offer(feed, message(feed, 3, 0), NO_WAIT)).isEqualTo(Handover.Offer.CLOSED);
  }

  @Test
  @DisplayName("a new lease on the same shard gets a fresh feed; acknowledgements of the old one do not move it")
  void newLeaseNewFeed() throws InterruptedException {
    ShardFeed old = handover.open(shard0);
    offer(old, 1);
    List<SourceMessage> oldDelivered = handover.take(NO_WAIT, 10);
    ShardFeed fresh = handover.open(shard0);
    offer(fresh, 1);
    handover.take(NO_WAIT, 10);

    handover.acknowledged(oldDelivered);

    assertThat(handover.uncheckpointed(fresh)).isEmpty();
    assertThat(handover.isOpen(old)).isFalse();
  }

  @Test
  @DisplayName("at a shard end, waits until every record was delivered and acknowledged")
  void shardEnd() throws Exception {
    ShardFeed feed = handover.open(shard0);
    offer(feed, 1, 2);
    assertThat(handover.awaitAllAcknowledged(feed, Duration.ofMillis(20))).as("queued, not delivered").isFalse();
    List<SourceMessage> delivered = handover.take(NO_WAIT, 10);
    assertThat(handover.awaitAllAcknowledged(feed, Duration.ofMillis(20))).as("delivered, not acknowledged").isFalse();
    handover.acknowledged(delivered.subList(1, 2));
    assertThat(handover.awaitAllAcknowledged(feed, Duration.ofMillis(20))).as("one acknowledged").isFalse();

    handover.acknowledged(delivered.subList(0, 1));

    assertThat(handover.awaitAllAcknowledged(feed, Duration.ofMillis(20))).isTrue();
  }

  @Test
  @DisplayName("shards take turns, each in its own order")
  void fairAcrossShards() throws InterruptedException {
    ShardFeed a = handover.open(shard0);
    ShardFeed b = handover.open(shard1);
    offer(a, 1, 2, 3);
    offer(b, 1, 2, 3);

    List<SourceMessage> first = handover.take(NO_WAIT, 2);

    assertThat(first).extracting(SourceMessage::partition).containsExactly(shard0, shard1);
    assertThat(handover.take(NO_WAIT, 10)).extracting(m -> m.partition() + "@" + m.coordinates().position())
        .containsExactly(shard0 + "@2", shard0 + "@3", shard1 + "@2", shard1 + "@3");
  }

  @Test
  @DisplayName("closing wakes a waiting shard thread, and keeps what was acknowledged for the final checkpoint")
  void close() throws Exception {
    ShardFeed feed = handover.open(shard0);
    offer(feed, 1, 2, 3);
    handover.acknowledged(handover.take(NO_WAIT, 1));
    offer(feed, 4);
    CompletableFuture<Handover.Offer> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return handover.offer(feed, message(feed, 5, 0), Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);

    handover.close();

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(Handover.Offer.CLOSED);
    assertThat(handover.release(feed)).contains(new ShardPosition(java.math.BigInteger.ONE, 0));
  }

  @Test
  @DisplayName("a failure of the KCL side reaches the pipeline's next take, once")
  void failure() {
    handover.fail(SourceException.unusable("the KCL could not start", null));

    assertThatThrownBy(() -> handover.take(Duration.ofSeconds(5), 10))
        .isInstanceOf(SourceException.class).hasMessageContaining("could not start");
    assertThat(handover.take(NO_WAIT, 10)).isEmpty();
  }
}
