/**
 * Servers for tests, on free loopback ports, that never outlive the test JVM: real servers in child processes
 * ({@link io.cdcaudit.testservers.KafkaBroker}, {@link io.cdcaudit.testservers.MariaDbServer},
 * {@link io.cdcaudit.testservers.MaxwellProcess}, {@link io.cdcaudit.testservers.DebeziumProcess},
 * {@link io.cdcaudit.testservers.CassandraServer}), emulators in a class loader of their own
 * ({@link io.cdcaudit.testservers.MongoStandIn}, {@link io.cdcaudit.testservers.ElasticMqServer}), emulators in
 * Node.js child processes ({@link io.cdcaudit.testservers.KinesisLocal},
 * {@link io.cdcaudit.testservers.DynaliteServer}), S3 emulators in a JVM of their own
 * ({@link io.cdcaudit.testservers.S3MockServer}, {@link io.cdcaudit.testservers.S3ProxyServer}), the shared instances of {@link io.cdcaudit.testservers.TestServers}, and client helpers
 * ({@link io.cdcaudit.testservers.KafkaTopics}, {@link io.cdcaudit.testservers.KafkaProducers},
 * {@link io.cdcaudit.testservers.KinesisStreams}, {@link io.cdcaudit.testservers.KclLeaseTables},
 * {@link io.cdcaudit.testservers.S3Buckets}). Logs go to
 * {@code target/test-servers/}. Test support only: not published.
 */
package io.cdcaudit.testservers;
