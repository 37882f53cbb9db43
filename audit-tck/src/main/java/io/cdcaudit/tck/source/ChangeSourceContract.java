package io.cdcaudit.tck.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.MessageCoordinates;
import io.cdcaudit.source.SourceException;
import io.cdcaudit.source.SourceMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ChangeSource}: what was not acknowledged comes back, what was does not,
 * pause and resume. Every source's test extends it (or {@link OrderedChangeSourceContract}, for
 * sources that keep an order per partition) and supplies a {@link SourceHarness} with a fresh
 * stream per test.
 */
public abstract class ChangeSourceContract {

  /**
   * A harness over a fresh, empty stream.
   *
   * @return the harness of the source under test
   */
  protected abstract SourceHarness createHarness();

  /** The harness of the running test, made before each test by {@link #createHarness()}. */
  protected SourceHarness harness;
  private final List<ChangeSource> opened = new ArrayList<>();

  @BeforeEach
  void openHarness() {
    harness = createHarness();
  }

  @AfterEach
  void closeHarness() {
    for (ChangeSource source : opened) {
      try {
        source.close();
      } catch (RuntimeException alreadyClosed) {
        // closed by the test
      }
    }
    harness.close();
  }

  /**
   * Opens a source that is closed after the test.
   *
   * @return a new source of the harness' stream
   */
  protected ChangeSource open() {
    ChangeSource source = harness.openSource();
    opened.add(source);
    return source;
  }

  /**
   * Messages {@code <prefix>-0} to {@code <prefix>-<count-1>}, keyed round-robin by {@code keys}
   * keys, so that they spread over partitions.
   *
   * @param prefix the text before each message's number
   * @param count how many messages
   * @param keys how many distinct keys
   * @return the messages, in number order
   */
  protected static List<SourceHarness.Message> messages(String prefix, int count, int keys) {
    List<SourceHarness.Message> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new SourceHarness.Message("key-" + (i % keys), (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static Map<String, MessageCoordinates> coordinatesByText(List<SourceMessage> received) {
    Map<String, MessageCoordinates> byText = new LinkedHashMap<>();
    for (SourceMessage message : received) {
      byText.put(text(message), message.coordinates());
    }
    return byText;
  }

  /**
   * The value of a message as UTF-8 text.
   *
   * @param message a received message
   * @return its text, or {@code null} for a message without a value
   */
  protected static String text(SourceMessage message) {
    return message.value() == null ? null : new String(message.value(), StandardCharsets.UTF_8);
  }

  /**
   * Polls until {@code done} holds for what was received, or the delivery timeout.
   *
   * @param source the source to poll
   * @param done the condition on everything received so far
   * @return everything received, in order
   */
  protected List<SourceMessage> pollUntil(ChangeSource source, Predicate<List<SourceMessage>> done) {
    return poll(source, done, false);
  }

  /**
   * Polls until {@code done} holds, acknowledging each poll's messages as they come, as the
   * pipeline does: a source that hands out no more of a partition while its messages are
   * unacknowledged (an SQS FIFO message group) keeps delivering.
   *
   * @param source the source to poll
   * @param done the condition on everything received so far
   * @return everything received, in order
   */
  protected List<SourceMessage> pollAcknowledgingUntil(ChangeSource source, Predicate<List<SourceMessage>> done) {
    return poll(source, done, true);
  }

  private List<SourceMessage> poll(ChangeSource source, Predicate<List<SourceMessage>> done, boolean acknowledge) {
    List<SourceMessage> received = new ArrayList<>();
    long deadline = System.nanoTime() + harness.deliveryTimeout().toNanos();
    while (!done.test(received)) {
      assertThat(System.nanoTime() - deadline)
          .as("timed out waiting for messages; received so far: %s", texts(received))
          .isNegative();
      List<SourceMessage> batch = source.poll(Duration.ofMillis(200));
      received.addAll(batch);
      if (acknowledge) {
        source.acknowledge(batch);
      }
    }
    return received;
  }

  /**
   * Polls for the harness' quiet period and returns whatever arrived.
   *
   * @param source the source to poll
   * @param period how long to poll (usually {@link SourceHarness#quietPeriod()})
   * @return everything received, in order
   */
  protected List<SourceMessage> pollFor(ChangeSource source, Duration period) {
    List<SourceMessage> received = new ArrayList<>();
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() - end < 0) {
      received.addAll(source.poll(Duration.ofMillis(200)));
    }
    return received;
  }

  /**
   * The texts of received messages, in order.
   *
   * @param messages received messages
   * @return their texts
   */
  protected static List<String> texts(List<SourceMessage> messages) {
    return messages.stream().map(ChangeSourceContract::text).toList();
  }

  /**
   * A condition for {@link #pollUntil}: every expected text was received (duplicates allowed).
   *
   * @param expected the texts to wait for
   * @return the condition
   */
  protected static Predicate<List<SourceMessage>> containsAll(Set<String> expected) {
    return received -> new HashSet<>(texts(received)).containsAll(expected);
  }

  /**
   * The texts of published messages.
   *
   * @param messages messages as given to {@link SourceHarness#publish(List)}
   * @return their texts
   */
  protected static Set<String> textsOf(List<SourceHarness.Message> messages) {
    Set<String> out = new HashSet<>();
    for (SourceHarness.Message m : messages) {
      out.add(new String(m.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Nested
  @DisplayName("Delivery")
  class Delivery {

    @Test
    @DisplayName("delivers every published message with its bytes intact and its coordinates")
    void deliversEverything() {
      List<SourceHarness.Message> published = messages("deliver", 50, 5);
      harness.publish(published);
      ChangeSource source = open();

      List<SourceMessage> received = pollUntil(source, containsAll(textsOf(published)));

      assertThat(new HashSet<>(texts(received))).isEqualTo(textsOf(published));
      for (SourceMessage message : received) {
        assertThat(message.partition().stream()).isNotBlank();
        assertThat(message.coordinates().position()).isNotBlank();
      }
      Set<String> coordinates = new HashSet<>();
      for (SourceMessage message : received) {
        coordinates.add(message.coordinates().toString());
      }
      assertThat(coordinates).as("distinct messages have distinct coordinates").hasSize(received.size());
    }

    @Test
    @DisplayName("a poll of an empty stream returns an empty list")
    void emptyStream() {
      ChangeSource source = open();

      assertThat(pollFor(source, Duration.ofSeconds(1))).isEmpty();
    }
  }

  @Nested
  @DisplayName("Acknowledgement")
  class Acknowledgement {

    @Test
    @DisplayName("messages that were not acknowledged are delivered again to the next reader")
    void unacknowledgedComeBack() {
      List<SourceHarness.Message> published = messages("unacked", 20, 2);
      harness.publish(published);
      ChangeSource first = open();
      pollUntil(first, containsAll(textsOf(published)));
      first.close();

      ChangeSource second = open();
      List<SourceMessage> again = pollUntil(second, containsAll(textsOf(published)));

      assertThat(new HashSet<>(texts(again))).isEqualTo(textsOf(published));
    }

    @Test
    @DisplayName("a message delivered again has the same coordinates, and distinct messages have distinct ones")
    void coordinatesAreStable() {
      // Decoders build the ids of events whose producer gives no binlog position from these coordinates:
      // a redelivery must be recognised, and two messages must never look like one.
      List<SourceHarness.Message> published = messages("stable", 20, 2);
      harness.publish(published);
      ChangeSource first = open();
      Map<String, MessageCoordinates> firstTime = coordinatesByText(pollUntil(first, containsAll(textsOf(published))));
      first.close();

      ChangeSource second = open();
      Map<String, MessageCoordinates> secondTime = coordinatesByText(pollUntil(second, containsAll(textsOf(published))));

      assertThat(secondTime).isEqualTo(firstTime);
      assertThat(new HashSet<>(firstTime.values())).hasSize(published.size());
    }

    @Test
    @DisplayName("acknowledged messages are not delivered again")
    void acknowledgedStayGone() {
      List<SourceHarness.Message> published = messages("acked", 20, 2);
      harness.publish(published);
      ChangeSource first = open();
      List<SourceMessage> received = pollUntil(first, containsAll(textsOf(published)));
      first.acknowledge(received);
      first.close();

      harness.publish(List.of(new SourceHarness.Message("key-0", "sentinel".getBytes(StandardCharsets.UTF_8))));
      ChangeSource second = open();
      List<SourceMessage> later = pollUntil(second, r -> texts(r).contains("sentinel"));
      later.addAll(pollFor(second, harness.quietPeriod()));

      assertThat(texts(later)).containsOnly("sentinel");
    }

    @Test
    @DisplayName("after acknowledging some messages, exactly the others come back")
    void partialAcknowledgement() {
      List<SourceHarness.Message> published = messages("partial", 40, 4);
      harness.publish(published);
      ChangeSource first = open();
      List<SourceMessage> received = pollUntil(first, containsAll(textsOf(published)));
      // Acknowledge, per partition, the first half of what arrived: a prefix, which every source honours exactly.
      Map<Object, List<SourceMessage>> byPartition = new LinkedHashMap<>();
      for (SourceMessage message : received) {
        byPartition.computeIfAbsent(message.partition(), p -> new ArrayList<>()).add(message);
      }
      List<SourceMessage> acknowledged = new ArrayList<>();
      for (List<SourceMessage> partition : byPartition.values()) {
        acknowledged.addAll(partition.subList(0, partition.size() / 2));
      }
      first.acknowledge(acknowledged);
      first.close();

      Set<String> expectedAgain = new HashSet<>(texts(received));
      expectedAgain.removeAll(texts(acknowledged));
      ChangeSource second = open();
      List<SourceMessage> again = pollUntil(second, containsAll(expectedAgain));
      again.addAll(pollFor(second, harness.quietPeriod()));

      assertThat(new HashSet<>(texts(again))).isEqualTo(expectedAgain);
    }

    @Test
    @DisplayName("acknowledging a message twice, or an empty list, is harmless")
    void repeatedAcknowledgement() {
      List<SourceHarness.Message> published = messages("twice", 5, 1);
      harness.publish(published);
      ChangeSource source = open();
      List<SourceMessage> received = pollUntil(source, containsAll(textsOf(published)));

      source.acknowledge(received);
      source.acknowledge(received);
      source.acknowledge(List.of());
      source.close();

      ChangeSource next = open();
      assertThat(pollFor(next, harness.quietPeriod())).isEmpty();
    }
  }

  @Nested
  @DisplayName("Pause and resume")
  class PauseAndResume {

    @Test
    @DisplayName("a paused source delivers nothing, and everything once resumed")
    void pauseHoldsBack() {
      List<SourceHarness.Message> published = messages("paused", 30, 3);
      harness.publish(published);
      ChangeSource source = open();

      source.pause();
      List<SourceMessage> whilePaused = pollFor(source, harness.quietPeriod());
      source.resume();
      List<SourceMessage> afterResume = pollUntil(source, containsAll(textsOf(published)));

      assertThat(whilePaused).isEmpty();
      assertThat(new HashSet<>(texts(afterResume))).isEqualTo(textsOf(published));
    }
  }

  @Test
  @DisplayName("a source set up so that it can never work says it is unusable, within the delivery timeout")
  void refusedSourceIsUnusable() {
    ChangeSource refused = harness.openRefusedSource();
    opened.add(refused);
    long deadline = System.nanoTime() + harness.deliveryTimeout().toNanos();
    SourceException error = null;
    while (error == null && System.nanoTime() - deadline < 0) {
      try {
        refused.poll(Duration.ofMillis(200));
      } catch (SourceException e) {
        error = e;
      }
    }
    assertThat(error).as("a SourceException from polling a refused source").isNotNull();
    assertThat(error.isUnusable()).as("unusable: " + error).isTrue();
  }
}
