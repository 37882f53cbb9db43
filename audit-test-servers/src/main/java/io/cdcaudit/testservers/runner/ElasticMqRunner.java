package io.cdcaudit.testservers.runner;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ's SQS REST interface, in memory. Runs in a class loader of its own inside the test JVM, on the classpath
 * resolved from {@code servers/elasticmq/pom.xml} plus this module's classes.
 */
public final class ElasticMqRunner {

  private ElasticMqRunner() {
  }

  /** Binds a new ElasticMQ to {@code host:port} (0: a free port), waits until it serves, and returns it. */
  public static BoundServer start(String host, int port) {
    SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface(host).start();
    int bound = server.waitUntilStarted().localAddress().getPort();
    return new BoundServer(bound, server::stopAndWait);
  }
}
