package io.cdcaudit.store;

import io.cdcaudit.event.EventId;
import io.cdcaudit.record.AuditRecord;
import java.util.List;
import java.util.Optional;

/**
 * Where audit records are kept. Adapters: {@code audit-store-mongo}, {@code audit-store-cassandra},
 * {@code audit-store-s3}, {@code audit-store-influx}, {@code audit-store-memory}.
 *
 * <p>{@link #append(List)} is idempotent by {@link EventId}: appending a record whose id is
 * already stored leaves the stored one unchanged and counts as success. This, with a source that
 * redelivers what was not acknowledged, is how every change is stored exactly once.
 *
 * <p>Implementations take their pre-built client (a {@code MongoClient}, a {@code CqlSession}, ...)
 * and never own credentials. The contract every implementation passes is
 * {@code io.cdcaudit.tck.store.AuditStoreContract}, over a {@code StoreHarness} that gives it fresh
 * stores. Counting what is stored is not part of the port (it would be a full scan in most
 * stores, a listing of every object in S3); stores may offer it of their own, and the harness
 * counts for the kit.
 */
public interface AuditStore {

  /**
   * Stores the records; returns only when every record that was not rejected is durable.
   *
   * @param records the batch to store; records already stored (by id) count as stored
   * @return which records the store can never take (too large, for instance), with the reason;
   *     the pipeline sends those to the dead-letter sink
   * @throws StoreException when the batch could not be stored as a whole; nothing of it counts
   *     as stored. A transient error (the server is unreachable) is retried with backoff; a
   *     {@link StoreException#isPermanent() permanent} one, or any other exception, makes the
   *     pipeline append the records one by one and dead-letter each record that still fails.
   *     Adapters therefore wrap their driver's transient errors in a (transient)
   *     {@code StoreException}, and report a record they can never take as a rejection.
   */
  AppendResult append(List<AuditRecord> records);

  /**
   * The stored record with this id.
   *
   * @param id the record's id
   * @return the record, or empty when none is stored
   */
  Optional<AuditRecord> find(EventId id);
}
