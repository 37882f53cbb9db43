/**
 * Test support shared by every module: record builders ({@link io.cdcaudit.tck.TestRecords}), a
 * compact test message format with its decoder ({@link io.cdcaudit.tck.TestChanges}), synthetic
 * Maxwell events for load tests ({@link io.cdcaudit.tck.SyntheticMaxwellEvents}) and a clock
 * tests move by hand ({@link io.cdcaudit.tck.MutableClock}). The contract kits are in the
 * subpackages {@code store}, {@code source} and {@code decoder}.
 */
package io.cdcaudit.tck;
