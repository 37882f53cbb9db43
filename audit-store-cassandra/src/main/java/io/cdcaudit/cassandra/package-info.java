/**
 * An audit store on Apache Cassandra: {@link io.cdcaudit.cassandra.CassandraAuditStore} (built from a
 * {@code CqlSession} the application owns), {@link io.cdcaudit.cassandra.Replication} and
 * {@link io.cdcaudit.cassandra.TimeBucket}. Everything in {@code io.cdcaudit.cassandra.internal} is an implementation
 * detail that may change in any release.
 */
package io.cdcaudit.cassandra;
