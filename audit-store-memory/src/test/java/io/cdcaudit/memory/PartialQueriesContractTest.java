package io.cdcaudit.memory;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.Page;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.UnsupportedQueryException;
import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.AuditStoreContract;
import io.cdcaudit.tck.store.RowHistoryContract;
import io.cdcaudit.tck.store.StateAtContract;
import io.cdcaudit.tck.store.StoreHarness;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * A store that answers only row histories (as a key-value store would) passes the kit with the
 * tiers of what it declares, and the kit checks that it refuses the rest: no store is made to fake
 * a query it cannot answer well.
 */
@DisplayName("A store that declares only row histories passes the kit without faking other queries")
class PartialQueriesContractTest {

  /** The memory store behind a narrower declaration. */
  static final class RowHistoryOnlyStore implements AuditStore, AuditQueries {
    final InMemoryAuditStore delegate = new InMemoryAuditStore();
    private final Set<AuditQuery.Kind> declared;
    private final boolean refuses;

    RowHistoryOnlyStore() {
      this(EnumSet.of(AuditQuery.Kind.ROW_HISTORY), true);
    }

    /** A declaration of {@code declared}; {@code refuses} false makes a dishonest store for the kit's own test. */
    RowHistoryOnlyStore(Set<AuditQuery.Kind> declared, boolean refuses) {
      this.declared = declared;
      this.refuses = refuses;
    }

    @Override
    public AppendResult append(List<AuditRecord> records) {
      return delegate.append(records);
    }

    @Override
    public Optional<AuditRecord> find(EventId id) {
      return delegate.find(id);
    }

    @Override
    public Page<AuditRecord> find(AuditQuery query, PageRequest page) {
      if (refuses) {
        UnsupportedQueryException.requireSupported(this, query);
      }
      return delegate.find(query, page);
    }

    @Override
    public Set<AuditQuery.Kind> supportedQueries() {
      return declared;
    }

    @Override
    public String toString() {
      return "RowHistoryOnlyStore";
    }
  }

  private static final StoreHarness<RowHistoryOnlyStore> HARNESS = new StoreHarness<>() {
    @Override
    public RowHistoryOnlyStore createStore() {
      return new RowHistoryOnlyStore();
    }

    @Override
    public long storedCount(RowHistoryOnlyStore store) {
      return store.delegate.count();
    }
  };

  @Nested
  @DisplayName("append")
  class Append extends AuditStoreContract<RowHistoryOnlyStore> {
    @Override
    protected StoreHarness<RowHistoryOnlyStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("queries it declares")
  class Queries extends AuditQueriesContract<RowHistoryOnlyStore> {
    @Override
    protected StoreHarness<RowHistoryOnlyStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's history")
  class RowHistory extends RowHistoryContract<RowHistoryOnlyStore> {
    @Override
    protected StoreHarness<RowHistoryOnlyStore> harness() {
      return HARNESS;
    }
  }

  @Nested
  @DisplayName("a row's state at a time")
  class StateAt extends StateAtContract<RowHistoryOnlyStore> {
    @Override
    protected StoreHarness<RowHistoryOnlyStore> harness() {
      return HARNESS;
    }
  }
}
