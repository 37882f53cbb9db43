/**
 * Implementation details of the SQS adapter: the in-flight tracker behind visibility extension, the
 * SNS envelope reader, queue-URL parsing and SQS text rules. Not part of the public API; nothing
 * outside {@code audit-source-sqs} may use it.
 */
package io.cdcaudit.sqs.internal;
