/**
 * What is recorded and for how long: {@link io.cdcaudit.policy.TableFilter} (which tables),
 * {@link io.cdcaudit.policy.ColumnPolicy} (excluding, masking, keyed hashing with a
 * {@link io.cdcaudit.policy.HashKey} and truncating columns, also in the SQL text) and
 * {@link io.cdcaudit.policy.RetentionPolicy} (deadlines and legal hold).
 */
package io.cdcaudit.policy;
