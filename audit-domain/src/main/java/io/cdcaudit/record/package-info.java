/**
 * What the audit trail keeps: an {@link io.cdcaudit.record.AuditRecord} per change, with the actor
 * who made it ({@link io.cdcaudit.record.Actor}, and how that is known) and its
 * {@link io.cdcaudit.record.Retention}.
 */
package io.cdcaudit.record;
