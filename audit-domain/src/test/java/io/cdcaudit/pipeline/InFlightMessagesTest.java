package io.cdcaudit.pipeline;

import static io.cdcaudit.pipeline.PipelineDoubles.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.pipeline.PipelineDoubles.RecordingSource;
import io.cdcaudit.pipeline.PipelineDoubles.SharedParts;
import io.cdcaudit.source.SourceMessage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("InFlightMessages")
class InFlightMessagesTest {

  private final SharedParts parts = new SharedParts();
  private final RecordingSource source = new RecordingSource();

  private InFlightMessages inFlight(long maxBytes, int maxMessages) {
    return new InFlightMessages(source, maxBytes, maxMessages, parts.errors, parts.listener, parts.log);
  }

  private static List<SourceMessage> messages(int count) {
    return IntStream.range(0, count).mapToObj(i -> message(i, "insert m" + i)).toList();
  }

  private static long bytesOf(List<SourceMessage> messages) {
    return messages.stream().mapToLong(SourceMessage::sizeInBytes).sum();
  }

  @Nested
  @DisplayName("bounds")
  class Bounds {

    @Test
    @DisplayName("pauses the source once the messages in flight reach the bound, and resumes it once they are acknowledged")
    void messagesBound() {
      InFlightMessages inFlight = inFlight(1 << 20, 3);
      List<SourceMessage> batch = messages(3);

      inFlight.received(batch);
      assertThat(inFlight.messages()).isEqualTo(3);
      assertThat(inFlight.bytes()).isEqualTo(bytesOf(batch));
      assertThat(inFlight.overBudget()).isTrue();
      inFlight.pauseOrResumeSource(false);
      inFlight.pauseOrResumeSource(false);
      assertThat(source.flow).containsExactly("pause");

      inFlight.completed(batch);
      inFlight.acknowledgeCompleted();
      assertThat(source.acknowledgements).containsExactly(batch);
      assertThat(inFlight.messages()).isZero();
      assertThat(inFlight.bytes()).isZero();
      assertThat(inFlight.overBudget()).isFalse();
      inFlight.pauseOrResumeSource(false);
      assertThat(source.flow).containsExactly("pause", "resume");
      assertThat(inFlight.peakBytes()).isEqualTo(bytesOf(batch));
      assertThat(parts.listener.heard).containsExactly("acknowledged 3");
    }

    @Test
    @DisplayName("pauses the source once the bytes in flight reach the bound")
    void bytesBound() {
      InFlightMessages inFlight = inFlight(1024, 1000);
      SourceMessage large = message(0, "x".repeat(2000));

      inFlight.received(List.of(message(1, "insert a")));
      inFlight.pauseOrResumeSource(false);
      assertThat(source.flow).isEmpty();

      inFlight.received(List.of(large));
      inFlight.pauseOrResumeSource(false);
      assertThat(source.flow).containsExactly("pause");
    }

    @Test
    @DisplayName("holds the source back while asked to (a store is being retried), within the bounds too")
    void holdBack() {
      InFlightMessages inFlight = inFlight(1 << 20, 100);

      inFlight.pauseOrResumeSource(true);
      inFlight.pauseOrResumeSource(true);
      inFlight.pauseOrResumeSource(false);

      assertThat(source.flow).containsExactly("pause", "resume");
    }

    @Test
    @DisplayName("stays paused while messages are only partly acknowledged and a bound is still reached")
    void partlyAcknowledged() {
      InFlightMessages inFlight = inFlight(1 << 20, 2);
      List<SourceMessage> first = messages(2);
      List<SourceMessage> second = List.of(message(2, "insert c"), message(3, "insert d"));
      inFlight.received(first);
      inFlight.received(second);
      inFlight.pauseOrResumeSource(false);

      inFlight.completed(first);
      inFlight.acknowledgeCompleted();
      inFlight.pauseOrResumeSource(false);

      assertThat(inFlight.messages()).isEqualTo(2);
      assertThat(source.flow).containsExactly("pause");
      assertThat(inFlight.peakBytes()).isEqualTo(bytesOf(first) + bytesOf(second));
    }
  }

  @Nested
  @DisplayName("acknowledgement")
  class Acknowledgement {

    @Test
    @DisplayName("acknowledges nothing while nothing is completed")
    void nothingCompleted() {
      InFlightMessages inFlight = inFlight(1 << 20, 100);
      inFlight.received(messages(2));

      inFlight.acknowledgeCompleted();

      assertThat(source.acknowledgements).isEmpty();
      assertThat(inFlight.messages()).isEqualTo(2);
      assertThat(parts.listener.heard).isEmpty();
    }

    @Test
    @DisplayName("acknowledges what several workers completed in one call")
    void severalCompleted() {
      InFlightMessages inFlight = inFlight(1 << 20, 100);
      List<SourceMessage> a = List.of(message(0, "insert a"));
      List<SourceMessage> b = List.of(message(1, "insert b"), message(2, "insert c"));
      inFlight.received(a);
      inFlight.received(b);

      inFlight.completed(a);
      inFlight.completed(b);
      inFlight.acknowledgeCompleted();

      assertThat(source.acknowledgements).singleElement().satisfies(ack ->
          assertThat(ack).containsExactly(a.get(0), b.get(0), b.get(1)));
      assertThat(inFlight.messages()).isZero();
    }

    @Test
    @DisplayName("a failed acknowledgement is tried again with the next one; its messages stay in flight until then")
    void failedThenAcknowledged() {
      InFlightMessages inFlight = inFlight(1 << 20, 100);
      SourceMessage first = message(0, "insert a");
      SourceMessage second = message(1, "insert b");
      inFlight.received(List.of(first, second));
      source.acknowledgementsToFail = 1;

      inFlight.completed(List.of(first));
      inFlight.acknowledgeCompleted();
      assertThat(inFlight.messages()).isEqualTo(2);
      assertThat(parts.errors.lastError()).startsWith("source acknowledge failed: ").contains("broker unreachable");

      inFlight.completed(List.of(second));
      inFlight.acknowledgeCompleted();
      assertThat(source.acknowledgements).containsExactly(List.of(first), List.of(first, second));
      assertThat(inFlight.messages()).isZero();
      assertThat(parts.errors.lastError()).isNull();
      assertThat(parts.listener.heard).containsExactly("acknowledged 2");
    }

    @Test
    @DisplayName("acknowledgements that keep failing are given up after three attempts: the messages leave the budget, for the source to deliver again")
    void givenUp() {
      InFlightMessages inFlight = inFlight(1 << 20, 1);
      List<SourceMessage> batch = messages(1);
      inFlight.received(batch);
      inFlight.pauseOrResumeSource(false);
      source.acknowledgementsToFail = Integer.MAX_VALUE;

      inFlight.completed(batch);
      for (int attempt = 1; attempt <= InFlightMessages.MAX_ACKNOWLEDGE_ATTEMPTS; attempt++) {
        assertThat(inFlight.messages()).isEqualTo(1);
        inFlight.acknowledgeCompleted();
      }
      inFlight.acknowledgeCompleted();
      inFlight.pauseOrResumeSource(false);

      assertThat(source.acknowledgements).hasSize(InFlightMessages.MAX_ACKNOWLEDGE_ATTEMPTS).containsOnly(batch);
      assertThat(inFlight.messages()).isZero();
      assertThat(inFlight.bytes()).isZero();
      assertThat(source.flow).containsExactly("pause", "resume");
      assertThat(parts.listener.heard).isEmpty();
    }
  }
}
