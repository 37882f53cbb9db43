/**
 * Implementation details of audit-store-cassandra (schema, statements, paging, purge, error
 * classification); not API, may change in any release.
 */
package io.cdcaudit.cassandra.internal;
