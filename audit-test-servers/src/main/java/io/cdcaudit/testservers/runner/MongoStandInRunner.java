package io.cdcaudit.testservers.runner;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * mongo-java-server with its memory backend, speaking the MongoDB wire protocol. Runs on the classpath resolved from
 * {@code servers/mongo/pom.xml} plus this module's classes: in a class loader of its own inside the test JVM
 * ({@link #start}), or as the main class of a JVM of its own under {@link ParentWatchdog}.
 */
public final class MongoStandInRunner {

  private MongoStandInRunner() {
  }

  /** Binds a new stand-in to {@code host:port} (0: a free port) and returns it. */
  public static BoundServer start(String host, int port) {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind(host, port);
    return new BoundServer(server.getLocalAddress().getPort(), server::shutdownNow);
  }

  /** Usage: {@code MongoStandInRunner <host> <port>}; serves until the JVM exits. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: MongoStandInRunner <host> <port>");
      System.exit(2);
    }
    BoundServer server = start(args[0], Integer.parseInt(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-stand-in-stop"));
    System.out.println("MongoDB stand-in listening on " + args[0] + ":" + server.getAsInt());
    Thread.currentThread().join(); // Netty serves; ParentWatchdog or SIGTERM ends the JVM
  }
}
