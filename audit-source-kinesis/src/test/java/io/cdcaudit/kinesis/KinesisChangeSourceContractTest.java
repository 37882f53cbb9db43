package io.cdcaudit.kinesis;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.tck.source.OrderedChangeSourceContract;
import io.cdcaudit.tck.source.SourceHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The Kinesis source passes the source contract on kinesis-local, with leases in dynalite")
class KinesisChangeSourceContractTest extends OrderedChangeSourceContract {

  @Override
  protected SourceHarness createHarness() {
    String stream = Emulators.stream("contract", 4);
    String application = Emulators.seededApplication("contract", stream);
    return new SourceHarness() {
      @Override
      public void publish(List<Message> messages) {
        Emulators.put(stream, messages.stream().map(m -> Map.entry(m.key(), m.value())).toList());
      }

      @Override
      public ChangeSource openSource() {
        return Emulators.quickSource(stream, application).build();
      }

      @Override
      public ChangeSource openRefusedSource() {
        return Emulators.quickSource("missing-" + UUID.randomUUID(), application).build();
      }

      @Override
      public Duration quietPeriod() {
        // Longer than a lease's failover time and the KCL's assignment round: a message delivered again would show.
        return Duration.ofSeconds(5);
      }

      @Override
      public void close() {
        // Streams and lease tables live in the emulators' memory, which ends with the test JVM.
      }
    };
  }
}
