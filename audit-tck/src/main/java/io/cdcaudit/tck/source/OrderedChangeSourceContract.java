package io.cdcaudit.tck.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.source.SourceMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ChangeSource} that keeps an order per partition (a Kafka partition or
 * an SQS FIFO message group): everything of {@link ChangeSourceContract}, and
 * messages of one key arrive in the order they were published, with ordered partitions.
 */
public abstract class OrderedChangeSourceContract extends ChangeSourceContract {

  @Nested
  @DisplayName("Order")
  class Order {

    @Test
    @DisplayName("keeps messages of one key in publish order, also across polls")
    void orderPerKey() {
      List<SourceHarness.Message> published = messages("ordered", 300, 3);
      harness.publish(published);
      ChangeSource source = open();

      // Acknowledging as it reads, like the pipeline: an SQS FIFO group hands out no more while messages are in flight.
      List<SourceMessage> received = pollAcknowledgingUntil(source, containsAll(textsOf(published)));

      Map<String, List<Integer>> sequenceByKey = new LinkedHashMap<>();
      for (SourceMessage message : received) {
        int n = Integer.parseInt(text(message).substring("ordered-".length()));
        sequenceByKey.computeIfAbsent("key-" + (n % 3), k -> new ArrayList<>()).add(n);
      }
      assertThat(sequenceByKey).hasSize(3);
      for (List<Integer> sequence : sequenceByKey.values()) {
        assertThat(sequence).isSorted();
      }
      assertThat(received).allSatisfy(m -> assertThat(m.partition().ordered()).as("partition %s is ordered", m.partition()).isTrue());
    }
  }
}
