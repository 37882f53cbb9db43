package io.cdcaudit.memory;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import io.cdcaudit.store.AppendResult;
import io.cdcaudit.store.AuditStore;
import io.cdcaudit.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Wraps a store and makes it fail on demand, for fault tests: fail the next appends before they
 * reach the store, fail them after the store took them (a "durable, but the answer was lost"
 * fault), or reject chosen records for good. Counts its appends. Thread-safe.
 */
public final class FaultInjectingStore implements AuditStore {

  private final AuditStore delegate;
  private final AtomicInteger failBefore = new AtomicInteger();
  private final AtomicInteger failAfter = new AtomicInteger();
  private final AtomicLong appends = new AtomicLong();
  private volatile Predicate<AuditRecord> rejected = r -> false;
  private volatile Predicate<AuditRecord> crashesOn = r -> false;
  private volatile String refusal;

  /**
   * A store that passes every call to {@code delegate} until a fault is armed.
   *
   * @param delegate the store that keeps the records (usually an {@link InMemoryAuditStore})
   */
  public FaultInjectingStore(AuditStore delegate) {
    this.delegate = delegate;
  }

  /**
   * The next {@code n} appends throw a {@link StoreException} and store nothing.
   *
   * @param n how many appends fail
   * @return this store
   */
  public FaultInjectingStore failNextAppends(int n) {
    failBefore.set(n);
    return this;
  }

  /**
   * The next {@code n} appends store their records, then throw a {@link StoreException}.
   *
   * @param n how many appends fail after storing, as a store whose reply is lost would
   * @return this store
   */
  public FaultInjectingStore failNextAppendsAfterStoring(int n) {
    failAfter.set(n);
    return this;
  }

  /**
   * Records matching {@code predicate} are rejected for good (as too large, say).
   *
   * @param predicate the records to reject
   * @return this store
   */
  public FaultInjectingStore reject(Predicate<AuditRecord> predicate) {
    this.rejected = predicate;
    return this;
  }

  /**
   * An append whose batch holds a record matching {@code predicate} throws an
   * {@link ArithmeticException} and stores nothing, as a store adapter with a defect would: the
   * error is neither a {@link StoreException} nor a rejection.
   *
   * @param predicate the records whose batch crashes
   * @return this store
   */
  public FaultInjectingStore crashOn(Predicate<AuditRecord> predicate) {
    this.crashesOn = predicate;
    return this;
  }

  /**
   * From now on every append throws a {@link StoreException#isUnusable() unusable}
   * {@link StoreException}, as a store with bad credentials does.
   *
   * @param reason the error's message
   * @return this store
   */
  public FaultInjectingStore refuseAll(String reason) {
    this.refusal = reason;
    return this;
  }

  /**
   * How many times {@link #append(List)} was called.
   *
   * @return the number of calls, failed ones included
   */
  public long appendCalls() {
    return appends.get();
  }

  @Override
  public AppendResult append(List<AuditRecord> records) {
    appends.incrementAndGet();
    if (refusal != null) {
      throw StoreException.unusable("injected: " + refusal, null);
    }
    if (take(failBefore)) {
      throw new StoreException("injected store failure (nothing stored)");
    }
    if (records.stream().anyMatch(crashesOn)) {
      throw new ArithmeticException("injected defect: long overflow");
    }
    Predicate<AuditRecord> reject = rejected;
    List<AuditRecord> accepted = records.stream().filter(reject.negate()).toList();
    delegate.append(accepted);
    if (take(failAfter)) {
      throw new StoreException("injected store failure (records stored, answer lost)");
    }
    return AppendResult.rejecting(records.stream()
        .filter(reject)
        .map(r -> new AppendResult.Rejection(r.id(), "rejected by the test"))
        .toList());
  }

  @Override
  public Optional<AuditRecord> find(EventId id) {
    return delegate.find(id);
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }
}
