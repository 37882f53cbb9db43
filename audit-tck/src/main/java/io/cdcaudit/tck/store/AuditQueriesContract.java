package io.cdcaudit.tck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cdcaudit.store.AuditQueries;
import io.cdcaudit.store.AuditQuery;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.PageRequest;
import io.cdcaudit.store.UnsupportedQueryException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The declaration tier of the query contract, which every store that answers queries extends: a
 * store serves the {@linkplain AuditQueries#supportedQueries() kinds it declares}, each checked by
 * its own tier ({@link RowHistoryContract}, {@link ByActorContract}, {@link ByTableContract},
 * {@link ByTransactionContract}, and {@link StateAtContract} with row histories), and refuses
 * every other kind with an {@link UnsupportedQueryException}.
 *
 * <p>The tiers are {@code @Nested} classes of one test class; this tier finds them there and fails
 * when a declared kind has no tier, so a store cannot claim a query the kit never checked.
 *
 * @param <S> the store type
 */
public abstract class AuditQueriesContract<S extends AuditStore & AuditQueries> extends StoreContract<S> {

  private static final Map<Class<?>, AuditQuery.Kind> TIERS = new LinkedHashMap<>();

  static {
    TIERS.put(RowHistoryContract.class, AuditQuery.Kind.ROW_HISTORY);
    TIERS.put(ByActorContract.class, AuditQuery.Kind.BY_ACTOR);
    TIERS.put(ByTableContract.class, AuditQuery.Kind.BY_TABLE);
    TIERS.put(ByTransactionContract.class, AuditQuery.Kind.BY_TRANSACTION);
  }

  /** For a store's test. */
  protected AuditQueriesContract() {}

  @Test
  @DisplayName("the store declares at least one kind of query, has a tier for each it declares, and refuses the others with UnsupportedQueryException")
  void everyDeclaredKindIsChecked() {
    Set<AuditQuery.Kind> declared = store.supportedQueries();
    assertThat(declared).as("supportedQueries() of " + store).isNotEmpty();
    Class<?> testClass = getClass().getEnclosingClass();
    assertThat(testClass).as("the kit's tiers must be @Nested classes of one test class; " + getClass().getName()
        + " is not nested").isNotNull();
    Set<AuditQuery.Kind> checked = EnumSet.noneOf(AuditQuery.Kind.class);
    boolean stateAt = false;
    for (Class<?> nested : testClass.getDeclaredClasses()) {
      TIERS.forEach((tier, kind) -> {
        if (tier.isAssignableFrom(nested)) {
          checked.add(kind);
        }
      });
      stateAt |= StateAtContract.class.isAssignableFrom(nested);
    }
    assertThat(checked).as("the query tiers nested in " + testClass.getSimpleName() + " (declared: " + declared + ")")
        .containsAll(declared);
    if (declared.contains(AuditQuery.Kind.ROW_HISTORY)) {
      assertThat(stateAt).as(testClass.getSimpleName() + " serves row histories, so it must also extend StateAtContract")
          .isTrue();
    }
    for (AuditQuery.Kind kind : AuditQuery.Kind.values()) {
      if (!declared.contains(kind)) {
        Throwable thrown = catchThrowable(() -> store.find(QueryFixtures.pagedQuery(kind), PageRequest.oldestFirst(10)));
        assertThat(thrown).as("what find of a " + kind + " query threw; the store does not declare " + kind
            + ", so it must refuse it with an UnsupportedQueryException").isInstanceOf(UnsupportedQueryException.class);
        assertThat(thrown).hasMessageContaining(kind.name());
      }
    }
  }
}
