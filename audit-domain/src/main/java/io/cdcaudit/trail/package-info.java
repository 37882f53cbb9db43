/**
 * The questions an auditor asks, answered over any store that supports queries:
 * {@link io.cdcaudit.trail.AuditTrail} (a row's history, its {@link io.cdcaudit.trail.RowState state}
 * at a time, changes by actor, by table and time, by transaction).
 */
package io.cdcaudit.trail;
