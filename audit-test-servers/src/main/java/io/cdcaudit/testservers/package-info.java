/**
 * Real servers for tests, on free loopback ports, in child processes that never outlive the test JVM:
 * {@link io.cdcaudit.testservers.KafkaBroker}, {@link io.cdcaudit.testservers.MariaDbServer},
 * {@link io.cdcaudit.testservers.MaxwellProcess}, {@link io.cdcaudit.testservers.DebeziumProcess}, and the shared
 * instances of {@link io.cdcaudit.testservers.TestServers}. Logs go to {@code target/test-servers/<name>-<port>.log}.
 * Test support only: not published.
 */
package io.cdcaudit.testservers;
