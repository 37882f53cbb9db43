package io.cdcaudit.benchmarks.harness;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;

/**
 * The MongoDB stand-in of recipes/SERVICES.md (mongo-java-server, memory backend) in a JVM of its
 * own, so that the documents it keeps are not in the harness's heap and its CPU is counted apart.
 * Prints {@code MONGO-READY <connection string>} and serves until its standard input closes (the
 * harness holds the pipe, so the server never outlives it).
 */
public final class MongoStandIn {

  private MongoStandIn() {}

  public static void main(String[] args) throws IOException {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    System.out.println("MONGO-READY mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() >= 0) {
      // wait for the parent to go away
    }
    server.shutdownNow();
    System.exit(0);
  }
}
