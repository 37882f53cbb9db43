/**
 * Who made a change. Binlog change-data-capture does not carry the application user, so
 * {@link io.cdcaudit.actor.ActorResolver}s attribute it from evidence in the event: a sqlcommenter
 * tag in the SQL ({@link io.cdcaudit.actor.SqlCommentActorResolver}) or a column such as
 * {@code updated_by} ({@link io.cdcaudit.actor.RowColumnActorResolver}).
 */
package io.cdcaudit.actor;
