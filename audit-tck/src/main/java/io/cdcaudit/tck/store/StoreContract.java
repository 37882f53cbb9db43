package io.cdcaudit.tck.store;

import io.cdcaudit.store.AuditStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every tier of the store kit shares: the harness, and a fresh store per test.
 *
 * @param <S> the store type
 */
public abstract class StoreContract<S extends AuditStore> {

  /** The store of the running test, made before each test by the harness. */
  protected S store;

  /** For the tiers of this kit. */
  protected StoreContract() {}

  /**
   * The harness of the store under test; may be the same instance for every tier and test.
   *
   * @return the harness
   */
  protected abstract StoreHarness<S> harness();

  @BeforeEach
  void openStore() {
    store = harness().createStore();
  }

  @AfterEach
  void releaseStore() {
    harness().release(store);
  }

  /**
   * How many records the store of the running test holds, as the harness reads it.
   *
   * @return the number of stored records
   */
  protected long storedCount() {
    return harness().storedCount(store);
  }
}
