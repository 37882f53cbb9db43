/**
 * Amazon SQS for cdc-audit: {@link io.cdcaudit.sqs.SqsChangeSource}, a change source over a
 * standard or FIFO queue (long polling, batch deletes of acknowledged messages only, visibility
 * extension, SNS envelope unwrapping), and {@link io.cdcaudit.sqs.SqsDeadLetterSink}, a dead-letter
 * sink that sends poison messages to an SQS queue.
 */
package io.cdcaudit.sqs;
