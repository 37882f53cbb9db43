/**
 * In-memory adapters for tests and development: the reference store
 * ({@link io.cdcaudit.memory.InMemoryAuditStore}, which passes every tier of the store contract),
 * an in-memory Kafka-like source ({@link io.cdcaudit.memory.MemoryLog},
 * {@link io.cdcaudit.memory.MemoryChangeSource}), a dead-letter sink
 * ({@link io.cdcaudit.memory.InMemoryDeadLetterSink}) and a store that fails on demand
 * ({@link io.cdcaudit.memory.FaultInjectingStore}). Nothing survives the JVM.
 */
package io.cdcaudit.memory;
