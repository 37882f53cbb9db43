package io.cdcaudit.kinesis.internal;

/**
 * What a delivered message carries for its acknowledgement: the feed it came through (the shard
 * under one lease) and its position there.
 *
 * @param feed the shard's feed when the message was delivered
 * @param position the record's sequence and sub-sequence number
 */
record KinesisReceipt(ShardFeed feed, ShardPosition position) {}
