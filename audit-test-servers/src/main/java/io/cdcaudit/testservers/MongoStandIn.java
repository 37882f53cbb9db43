package io.cdcaudit.testservers;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.IsolatedServer;
import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.PortConflictException;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.ServerClasspath;
import io.cdcaudit.testservers.internal.Workspace;
import io.cdcaudit.testservers.runner.MongoStandInRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MongoDB of tests. No real {@code mongod} can be had on a test machine, so by default a stand-in:
 * mongo-java-server 1.47.0 with its memory backend (the wire protocol and its commands; it keeps TTL and secondary
 * index definitions but never expires a document or builds an index), on a free loopback port. It runs in the test JVM in a class loader of its own (its Netty 4.2 never
 * meets the test's classpath; ready in well under a second), or, for a benchmark that must keep its documents out of
 * the measured heap, in a JVM of its own ({@link #startInOwnJvm}).
 *
 * <p>When the system property {@value #URI_PROPERTY} or the environment variable {@value #URI_VARIABLE} holds a
 * connection string, {@link #configuredOrStart()} and the shared instance ({@link TestServers#mongo()}) use that
 * server instead: the same tests then run against a real {@code mongod}.
 *
 * <p>The helpers need the MongoDB driver ({@code org.mongodb:mongodb-driver-sync}) on the caller's classpath: this
 * module declares it optional. Give every test a database of its own ({@link #freshDatabase()}).
 */
public final class MongoStandIn implements AutoCloseable {

  /** System property naming a real MongoDB (a connection string) to use instead of the stand-in. */
  public static final String URI_PROPERTY = "cdcaudit.mongo.uri";
  /** Environment variable naming a real MongoDB, read when {@value #URI_PROPERTY} is not set. */
  public static final String URI_VARIABLE = "CDCAUDIT_MONGO_URI";

  private static final String SERVER = "mongo";
  private static final String DESCRIPTION = "MongoDB stand-in";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int ATTEMPTS = 3;
  private static final AtomicLong DATABASES = new AtomicLong();
  /** Keeps the databases of two test runs against one real server apart. */
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private final String uri;
  private final IsolatedServer inProcess;
  private final ChildProcess ownJvm;
  private MongoClient client;
  private boolean closed;

  private MongoStandIn(String uri, IsolatedServer inProcess, ChildProcess ownJvm) {
    this.uri = uri;
    this.inProcess = inProcess;
    this.ownJvm = ownJvm;
  }

  /** Starts a stand-in of its own in this JVM (never a configured server); {@link #close()} drops its data. */
  public static MongoStandIn start() {
    IsolatedServer server = IsolatedServer.start(SERVER, DESCRIPTION, MongoStandInRunner.class.getName());
    return new MongoStandIn(connectionString(server.port()), server, null);
  }

  /**
   * Starts a stand-in in a JVM of its own, so that the documents it keeps are not on this JVM's heap and its CPU
   * time can be counted apart ({@link #process()}). The JVM runs under this module's watchdog (it dies with this
   * JVM) and logs to {@code target/test-servers/mongo-<port>.log}.
   *
   * @param jvmOptions heap, collector and logging options of that JVM. They come after the ones every child JVM
   *     gets (serial collector, C1 only), so they win: {@code -XX:TieredStopAtLevel=4} gives back the optimizing
   *     compiler, and another collector needs the serial one switched off first ({@code -XX:-UseSerialGC
   *     -XX:+UseZGC}), or the JVM refuses to start with two
   */
  public static MongoStandIn startInOwnJvm(List<String> jvmOptions) {
    List<Path> classpath = ServerClasspath.resolve(SERVER);
    PortConflictException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      int port = Ports.freePort();
      LogFile log = Workspace.logFile(SERVER, port);
      ChildProcess child = ChildProcess.start(DESCRIPTION + " " + Ports.LOOPBACK + ":" + port,
          JavaCommand.build(jvmOptions, List.of(), classpath, MongoStandInRunner.class.getName(),
              List.of(Ports.LOOPBACK, Integer.toString(port))),
          Workspace.root(), Map.of(), log, null);
      try {
        child.awaitReady("port " + port + " accepting", START_TIMEOUT, () -> Ports.accepts(port));
        return new MongoStandIn(connectionString(port), null, child);
      } catch (PortConflictException e) {
        last = e;
        child.kill();
      } catch (RuntimeException e) {
        child.kill();
        throw e;
      }
    }
    throw last;
  }

  /** The real MongoDB named by {@value #URI_PROPERTY} or {@value #URI_VARIABLE}, or else a new stand-in. */
  public static MongoStandIn configuredOrStart() {
    return configuredUri().map(uri -> new MongoStandIn(uri, null, null)).orElseGet(MongoStandIn::start);
  }

  /** The connection string given by {@value #URI_PROPERTY} or, when that is blank, {@value #URI_VARIABLE}. */
  public static Optional<String> configuredUri() {
    String uri = System.getProperty(URI_PROPERTY);
    if (uri == null || uri.isBlank()) {
      uri = System.getenv(URI_VARIABLE);
    }
    return uri == null || uri.isBlank() ? Optional.empty() : Optional.of(uri.trim());
  }

  /** Whether this is the stand-in (not a configured real server): what the stand-in cannot show, skip. */
  public boolean isStandIn() {
    return inProcess != null || ownJvm != null;
  }

  /** The connection string: {@code mongodb://127.0.0.1:<port>} for the stand-in; other JVMs reach it by this. */
  public String uri() {
    return uri;
  }

  /** The JVM the stand-in runs in, when it has one of its own ({@link #startInOwnJvm}). */
  public Optional<ProcessHandle> process() {
    return ownJvm == null ? Optional.empty() : Optional.of(ownJvm.process().toHandle());
  }

  /** A client shared by the callers of this instance, made on first use and closed by {@link #close()}. */
  public synchronized MongoClient client() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /**
   * A client of its own, for a test that closes it. Server selection gives up after 10 s (not the driver's 30 s), so
   * that a server that is gone fails a test quickly.
   */
  public MongoClient newClient() {
    return MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build());
  }

  /** An empty database no other test (of this run or, on a shared real server, another run) uses. */
  public MongoDatabase freshDatabase() {
    return client().getDatabase("cdcaudit_test_" + RUN + "_" + DATABASES.incrementAndGet());
  }

  /** Closes the shared client and stops the stand-in, which drops every document; a configured server stays up. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (client != null) {
      client.close();
    }
    if (inProcess != null) {
      inProcess.close();
    }
    if (ownJvm != null) {
      ownJvm.stop(STOP_GRACE);
    }
  }

  private static String connectionString(int port) {
    return "mongodb://" + Ports.LOOPBACK + ":" + port;
  }

  /** Names the server; a configured connection string's credentials are masked. */
  @Override
  public String toString() {
    String where = isStandIn() ? (inProcess != null ? ", in this JVM" : ", own JVM") : ", configured";
    return "MongoStandIn[" + uri.replaceAll("//[^@/]*@", "//***@") + where + "]";
  }
}
