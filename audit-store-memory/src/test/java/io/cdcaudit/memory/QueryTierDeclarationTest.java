package io.cdcaudit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.cdcaudit.memory.PartialQueriesContractTest.RowHistoryOnlyStore;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.tck.store.AuditQueriesContract;
import io.cdcaudit.tck.store.RowHistoryContract;
import io.cdcaudit.tck.store.StateAtContract;
import io.cdcaudit.tck.store.StoreHarness;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit's declaration tier fails a store's test that claims more than its tiers check, or that
 * answers a kind it does not declare: run here on deliberately wrong test classes.
 */
@DisplayName("The query declaration tier fails a store test that claims or answers what the kit does not check")
class QueryTierDeclarationTest {

  @Test
  @DisplayName("a declared kind without its tier fails, naming the kind")
  void declaredWithoutTier() {
    List<Event> failures = failuresOf(ClaimsByActorWithoutItsTier.class);

    assertThat(failures).hasSize(1);
    assertThat(messageOf(failures.get(0))).contains("BY_ACTOR");
  }

  @Test
  @DisplayName("a kind answered but not declared fails: a store must refuse what it does not declare")
  void answeredButNotDeclared() {
    List<Event> failures = failuresOf(AnswersMoreThanItDeclares.class);

    assertThat(failures).hasSize(1);
    assertThat(messageOf(failures.get(0))).contains("UnsupportedQueryException").contains("BY_ACTOR");
  }

  @Test
  @DisplayName("the same tiers over an honest declaration pass")
  void honest() {
    assertThat(failuresOf(PartialQueriesContractTest.class)).isEmpty();
  }

  private static List<Event> failuresOf(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents().failed()
        .list();
  }

  private static String messageOf(Event failure) {
    return failure.getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("");
  }

  /** Declares {@link AuditQuery.Kind#BY_ACTOR} too, but nests no {@code ByActorContract}. */
  static class ClaimsByActorWithoutItsTier {
    static final StoreHarness<RowHistoryOnlyStore> HARNESS = harness(EnumSet.of(AuditQuery.Kind.ROW_HISTORY,
        AuditQuery.Kind.BY_ACTOR), true);

    @Nested
    class Queries extends AuditQueriesContract<RowHistoryOnlyStore> {
      @Override
      protected StoreHarness<RowHistoryOnlyStore> harness() {
        return HARNESS;
      }
    }

    @Nested
    class RowHistory extends RowHistoryContract<RowHistoryOnlyStore> {
      @Override
      protected StoreHarness<RowHistoryOnlyStore> harness() {
        return HARNESS;
      }
    }

    @Nested
    class StateAt extends StateAtContract<RowHistoryOnlyStore> {
      @Override
      protected StoreHarness<RowHistoryOnlyStore> harness() {
        return HARNESS;
      }
    }
  }

  /** Declares only row histories but answers every kind. */
  static class AnswersMoreThanItDeclares {
    static final StoreHarness<RowHistoryOnlyStore> HARNESS = harness(EnumSet.of(AuditQuery.Kind.ROW_HISTORY), false);

    @Nested
    class Queries extends AuditQueriesContract<RowHistoryOnlyStore> {
      @Override
      protected StoreHarness<RowHistoryOnlyStore> harness() {
        return HARNESS;
      }
    }

    @Nested
    class RowHistory extends RowHistoryContract<RowHistoryOnlyStore> {
      @Override
      protected StoreHarness<RowHistoryOnlyStore> harness() {
        return HARNESS;
      }
    }

    @Nested
    class StateAt extends StateAtContract<RowHistoryOnlyStore> {
      @Override
      protected StoreHarness<RowHistoryOnlyStore> harness() {
        return HARNESS;
      }
    }
  }

  private static StoreHarness<RowHistoryOnlyStore> harness(Set<AuditQuery.Kind> declared, boolean refuses) {
    return new StoreHarness<>() {
      @Override
      public RowHistoryOnlyStore createStore() {
        return new RowHistoryOnlyStore(declared, refuses);
      }

      @Override
      public long storedCount(RowHistoryOnlyStore store) {
        return store.delegate.count();
      }
    };
  }
}
