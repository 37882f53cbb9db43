package io.cdcaudit.memory;

import io.cdcaudit.source.ChangeSource;
import io.cdcaudit.tck.source.ChangeSourceContract;
import io.cdcaudit.tck.source.SourceHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The in-memory log's source passes the source contract")
class MemoryChangeSourceContractTest extends ChangeSourceContract {

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
      public boolean ordered() {
        return true;
      }

      @Override
      public boolean deliversNullValues() {
        return true;
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
