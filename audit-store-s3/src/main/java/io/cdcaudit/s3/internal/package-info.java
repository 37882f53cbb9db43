/**
 * How {@link io.cdcaudit.s3.S3AuditStore} lays out, writes, reads, compacts and purges its objects. Not public API:
 * it may change in any release.
 */
package io.cdcaudit.s3.internal;
