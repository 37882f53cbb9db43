package io.cdcaudit.memory;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.tck.source.OrderedChangeSourceContract;
import io.cdcaudit.tck.source.SourceHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The in-memory log's source passes the source contract")
class MemoryChangeSourceContractTest extends OrderedChangeSourceContract {

  @Override
  protected SourceHarness createHarness() {
    MemoryLog log = MemoryLog.ordered("test-topic", 4);
    return new SourceHarness() {
      @Override
      public void publish(List<Message> messages) {
        for (Message m : messages) {
          log.publish(m.key(), m.value());
        }
      }

      @Override
      public ChangeSource openSource() {
        return log.openSource();
      }

      @Override
      public ChangeSource openRefusedSource() {
        MemoryLog refusing = MemoryLog.ordered("refusing", 1);
        refusing.faults().refusePolls("access denied");
        return refusing.openSource();
      }



      @Override
      public Duration quietPeriod() {
        return Duration.ofMillis(300);
      }

      @Override
      public void close() {}
    };
  }
}
