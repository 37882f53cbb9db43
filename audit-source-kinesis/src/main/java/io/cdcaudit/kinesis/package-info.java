/**
 * Amazon Kinesis Data Streams for cdc-audit: {@link io.cdcaudit.kinesis.KinesisChangeSource}, a
 * change source that reads a stream through the Kinesis Client Library (shard leases and
 * checkpoints in a DynamoDB table, scale-out by running more instances), checkpointing only what
 * the pipeline stored.
 */
package io.cdcaudit.kinesis;
