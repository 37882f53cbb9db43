/**
 * The S3 store: {@link io.cdcaudit.s3.S3AuditStore}, an audit trail in gzip NDJSON objects under Hive-style
 * partitions, with a batch-written index, lifecycle rules and Object Lock ({@link io.cdcaudit.s3.ObjectLock}).
 */
package io.cdcaudit.s3;
