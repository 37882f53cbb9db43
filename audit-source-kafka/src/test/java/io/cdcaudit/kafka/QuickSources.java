package io.cdcaudit.kafka;

import io.cdcaudit.testservers.KafkaBroker;

/** Kafka sources for tests against a real broker. */
final class QuickSources {

  private QuickSources() {}

  /**
   * A source reading {@code topic} in group {@code group}, with a 10 s session (not 45 s), so that a group whose
   * consumer a test closed or lost rebalances quickly.
   */
  static KafkaChangeSource source(KafkaBroker broker, String group, String topic) {
    return KafkaChangeSource.builder()
        .bootstrapServers(broker.bootstrapServers())
        .groupId(group)
        .topics(topic)
        .property("session.timeout.ms", 10_000)
        .property("heartbeat.interval.ms", 1_000)
        .build();
  }
}
