/**
 * Not API: how {@link io.cdcaudit.kinesis.KinesisChangeSource} hands records from the Kinesis
 * Client Library's shard threads to the pipeline's thread and checkpoints what was stored. May
 * change in any release.
 */
package io.cdcaudit.kinesis.internal;
