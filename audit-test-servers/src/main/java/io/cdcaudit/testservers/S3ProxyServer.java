package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;
import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.ServerClasspath;
import io.cdcaudit.testservers.internal.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A second S3 emulator: S3Proxy 4.1.0 (Apache 2.0) with jclouds' {@code filesystem-nio2} provider, classpath
 * resolved from {@code servers/s3proxy/pom.xml}, run as {@code org.gaul.s3proxy.Main --properties <file>} in its own
 * JVM ({@value #HEAP}) under the parent watchdog, on one free loopback port ({@code s3proxy.endpoint}), without
 * authentication ({@code s3proxy.authorization=none}: any credentials pass).
 *
 * <p>Objects are files under {@code target/test-servers/s3proxy-<port>/data/}, deleted by {@link #close()};
 * {@link #restart()} keeps the port and the data. Ready when a {@code ListBuckets} call answers. Log:
 * {@code target/test-servers/s3proxy-<port>.log} (logback, INFO).
 *
 * <p>Needs the AWS SDK's {@code s3} and {@code apache5-client} on the caller's classpath (optional dependencies of this
 * module); {@link S3Buckets} creates buckets and clients.
 */
public final class S3ProxyServer extends ChildServer {

  static final String HEAP = "-Xmx256m";
  static final String MAIN = "org.gaul.s3proxy.Main";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final int port;
  private final Path dir;
  private final LogFile log;
  private final List<Path> classpath;

  private S3ProxyServer(int port, List<Path> classpath) {
    super(STOP_GRACE);
    this.port = port;
    this.dir = Workspace.root().resolve("s3proxy-" + port);
    this.log = Workspace.logFile("s3proxy", port);
    this.classpath = classpath;
  }

  /**
   * Starts S3Proxy on a free loopback port (three attempts when the port was taken meanwhile).
   *
   * @throws ServerStartException when the classpath cannot be resolved or the server does not come up
   */
  public static S3ProxyServer start() {
    List<Path> classpath = ServerClasspath.resolve("s3proxy");
    return startOnFreePorts(() -> new S3ProxyServer(Ports.freePort(), classpath), server -> {
      Workspace.deleteRecursively(server.dir);
      server.writeConfig();
      server.launch();
    });
  }

  /** The endpoint: {@code http://127.0.0.1:<port>}; clients need path-style access. */
  public URI endpoint() {
    return URI.create("http://" + Ports.LOOPBACK + ":" + port);
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** The region of every client: {@code us-east-1}. */
  public String region() {
    return AwsClients.REGION;
  }

  /** Where the filesystem provider keeps buckets (directories) and objects (files). */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** {@code target/test-servers/s3proxy-<port>.log}. */
  public Path logFile() {
    return log.path();
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
  }

  private void writeConfig() {
    String properties = String.join("\n",
        "s3proxy.endpoint=" + endpoint(),
        "s3proxy.authorization=none",
        "jclouds.provider=filesystem-nio2",
        "jclouds.filesystem.basedir=" + dataDir(),
        "jclouds.identity=" + AwsClients.ACCESS_KEY,
        "jclouds.credential=" + AwsClients.SECRET_KEY,
        "");
    String logback = String.join("\n",
        "<configuration>",
        "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>",
        "  </appender>",
        "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
        "</configuration>",
        "");
    try {
      Files.createDirectories(dataDir());
      Files.writeString(dir.resolve("s3proxy.properties"), properties, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the S3Proxy configuration in " + dir, e);
    }
  }

  @Override
  synchronized void launch() {
    List<String> jvmOptions = List.of(HEAP, "-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
    ChildProcess child = ChildProcess.start("S3Proxy 127.0.0.1:" + port,
        JavaCommand.build(jvmOptions, List.of(), classpath, MAIN,
            List.of("--properties", dir.resolve("s3proxy.properties").toString())),
        dir, Map.of(), log, null);
    awaitReady(child, "a ListBuckets answer on port " + port, START_TIMEOUT, () -> S3Buckets.client(this),
        client -> AwsClients.answers(port,
            () -> client.listBuckets(r -> r.overrideConfiguration(AwsClients.QUICK_CALL))));
  }

  @Override
  public String toString() {
    return "S3ProxyServer[" + endpoint() + "]";
  }
}
