package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;
import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.ServerClasspath;
import io.cdcaudit.testservers.internal.Workspace;
import io.cdcaudit.testservers.runner.LoopbackSelectorProvider;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An S3 emulator: Adobe S3Mock 5.2.0 (Apache 2.0), the Spring Boot executable jar pinned by
 * {@code servers/s3mock/pom.xml}, run in its own JVM ({@value #HEAP}) through Spring Boot's {@code JarLauncher} under
 * the parent watchdog, on two free loopback ports: plain HTTP ({@link #endpoint()}, {@code --http.port}) and HTTPS
 * with S3Mock's self-signed certificate ({@link #httpsPort()}, {@code --server.port}, bound by
 * {@code --server.address=127.0.0.1}). S3Mock has no address setting for its HTTP connector: the child JVM's
 * {@link LoopbackSelectorProvider} binds it to 127.0.0.1.
 *
 * <p>Objects are files under {@code target/test-servers/s3mock-<http port>/store/} (S3Mock's store root), deleted by
 * {@link #close()}. {@link #restart()} keeps the ports and the store: S3Mock loads the buckets and objects it finds
 * there, after {@link #stop()} and after {@link #kill()} alike. Ready when a {@code ListBuckets} call answers.
 * Log: {@code target/test-servers/s3mock-<http port>.log}.
 *
 * <p>Needs the AWS SDK's {@code s3} and {@code apache5-client} on the caller's classpath (optional dependencies of this
 * module). {@link S3Buckets} creates buckets and clients; {@link TestServers#s3Mock()} is the shared instance. See the
 * module README for where S3Mock differs from S3 (object lock, versioning).
 */
public final class S3MockServer extends ChildServer {

  static final String HEAP = "-Xmx256m";
  static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final int httpPort;
  private final int httpsPort;
  private final Path dir;
  private final LogFile log;
  private final List<Path> classpath;

  private S3MockServer(int httpPort, int httpsPort, List<Path> classpath) {
    super(STOP_GRACE);
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.dir = Workspace.root().resolve("s3mock-" + httpPort);
    this.log = Workspace.logFile("s3mock", httpPort);
    this.classpath = classpath;
  }

  /**
   * Starts S3Mock on two free loopback ports (three attempts when a port was taken meanwhile).
   *
   * @throws ServerStartException when the jar cannot be resolved or the server does not come up
   */
  public static S3MockServer start() {
    List<Path> classpath = ServerClasspath.resolve("s3mock");
    return startOnFreePorts(() -> new S3MockServer(Ports.freePort(), Ports.freePort(), classpath), server -> {
      Workspace.deleteRecursively(server.dir);
      Workspace.createDirectories(server.dir);
      server.launch();
    });
  }

  /** The plain HTTP endpoint: {@code http://127.0.0.1:<http port>}; clients need path-style access. */
  public URI endpoint() {
    return URI.create("http://" + Ports.LOOPBACK + ":" + httpPort);
  }

  /** The plain HTTP port. */
  public int httpPort() {
    return httpPort;
  }

  /** The HTTPS port, with S3Mock's self-signed certificate. */
  public int httpsPort() {
    return httpsPort;
  }

  /** The region of every client and of S3Mock's buckets: {@code us-east-1}. */
  public String region() {
    return AwsClients.REGION;
  }

  /** S3Mock's store root: {@code target/test-servers/s3mock-<http port>/store}. */
  public Path storeDir() {
    return dir.resolve("store");
  }

  /** {@code target/test-servers/s3mock-<http port>.log}. */
  public Path logFile() {
    return log.path();
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
  }

  @Override
  synchronized void launch() {
    Workspace.createDirectories(storeDir());
    List<String> jvmOptions = List.of(HEAP,
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Djava.nio.channels.spi.SelectorProvider=" + LoopbackSelectorProvider.class.getName());
    List<String> args = List.of(
        "--http.port=" + httpPort,
        "--server.port=" + httpsPort,
        "--server.address=" + Ports.LOOPBACK,
        "--com.adobe.testing.s3mock.store.root=" + storeDir(),
        "--spring.main.banner-mode=off");
    ChildProcess child = ChildProcess.start("S3Mock 127.0.0.1:" + httpPort,
        JavaCommand.build(jvmOptions, List.of(), classpath, LAUNCHER, args), dir, Map.of(), log, null);
    awaitReady(child, "a ListBuckets answer on port " + httpPort, START_TIMEOUT, () -> S3Buckets.client(this),
        client -> AwsClients.answers(httpPort,
            () -> client.listBuckets(r -> r.overrideConfiguration(AwsClients.QUICK_CALL))));
  }

  @Override
  public String toString() {
    return "S3MockServer[" + endpoint() + ", HTTPS port " + httpsPort + "]";
  }
}
