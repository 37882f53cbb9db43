package io.cdcaudit.benchmarks.harness;

import io.cdcaudit.store.AuditStore;
import java.util.function.LongSupplier;

/**
 * A store for the pipeline and how to count what it holds, so that a run can check every event
 * was stored (the store port has no count: most stores would scan for it).
 */
record CountedStore(AuditStore store, LongSupplier storedCount) {}
