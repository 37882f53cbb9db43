/**
 * The Kafka adapter: {@link io.cdcaudit.kafka.KafkaChangeSource} reads the topics Maxwell or
 * Debezium write to as one consumer group and commits offsets only for what the store said is
 * durable; {@link io.cdcaudit.kafka.KafkaDeadLetterSink} writes poison messages to a topic, whole
 * or truncated, with headers that say why and where they came from.
 */
package io.cdcaudit.kafka;
