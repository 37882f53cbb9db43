package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.memory.InMemoryAuditStore;
import io.cdcaudit.record.AuditRecord;
import java.util.List;
import java.util.function.Consumer;

/** The reference store, {@code InMemoryAuditStore}: its raw write is {@code append} of 1,000 records. */
final class MemoryStoreUnderTest implements StoreUnderTest {

  private InMemoryAuditStore current;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String rawDescription() {
    return "InMemoryAuditStore.append of " + RawStore.BULK;
  }

  @Override
  public int rawPasses() {
    return 7;
  }

  @Override
  public BulkWrite prepareRawWrite(List<AuditRecord> records) {
    InMemoryAuditStore store = fresh();
    return (from, to) -> store.append(records.subList(from, to));
  }

  @Override
  public Consumer<AuditRecord> naiveInsertOne() {
    InMemoryAuditStore store = fresh();
    return r -> store.append(List.of(r));
  }

  @Override
  public CountedStore pipelineStore() {
    InMemoryAuditStore store = fresh();
    return new CountedStore(store, store::count);
  }

  private InMemoryAuditStore fresh() {
    current = new InMemoryAuditStore();
    return current;
  }

  @Override
  public void reset() {
    current = null;
  }
}
