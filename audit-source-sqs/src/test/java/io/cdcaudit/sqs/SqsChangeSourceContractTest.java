package io.cdcaudit.sqs;

import io.cdcaudit.tck.source.ChangeSourceContract;
import io.cdcaudit.tck.source.OrderedChangeSourceContract;
import io.cdcaudit.tck.source.SourceHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

@DisplayName("SqsChangeSource passes the source contract on ElasticMQ")
class SqsChangeSourceContractTest {

  @Nested
  @DisplayName("on a standard queue")
  class StandardQueue extends ChangeSourceContract {
    @Override
    protected SourceHarness createHarness() {
      return new SqsSourceHarness(false);
    }
  }

  @Nested
  @DisplayName("on a FIFO queue (key = MessageGroupId)")
  class FifoQueue extends OrderedChangeSourceContract {
    @Override
    protected SourceHarness createHarness() {
      return new SqsSourceHarness(true);
    }
  }
}
