package io.cdcaudit.testservers;

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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * QuestDB 9.3.4 ({@code org.questdb:questdb} from Maven Central) in a JVM of its own, as a stand-in for an endpoint
 * that takes InfluxDB line protocol on {@code /api/v2/write} (no InfluxDB 2.x can be had on these machines; it takes
 * {@code /write} too). It is not
 * InfluxDB: it answers SQL on {@code /exec}, not InfluxQL, and makes a table of each measurement (tags become
 * {@code SYMBOL} columns). HTTP on a free loopback port; PostgreSQL wire, minimal HTTP, line protocol over TCP and UDP,
 * and telemetry off. Data under {@code target/test-servers/questdb-<port>/}; ready when {@code /ping} answers 204.
 */
public final class QuestDbServer extends ChildServer {

  static final String HEAP = "-Xmx256m";
  static final String MAIN = "io.questdb.ServerMain";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Path dir;
  private final LogFile log;
  private final List<Path> classpath;

  private QuestDbServer(int port, List<Path> classpath) {
    super(STOP_GRACE);
    this.port = port;
    this.dir = Workspace.root().resolve("questdb-" + port);
    this.log = Workspace.logFile("questdb", port);
    this.classpath = classpath;
  }

  /** Resolves QuestDB's classpath (first use: from Maven Central), writes its configuration and starts it. */
  public static QuestDbServer start() {
    List<Path> classpath = ServerClasspath.resolve("questdb");
    return startOnFreePorts(() -> new QuestDbServer(Ports.freePort(), classpath), server -> {
      Workspace.deleteRecursively(server.dir);
      server.writeConfig();
      server.launch();
    });
  }

  /** {@code http://127.0.0.1:<port>}: {@code /api/v2/write}, {@code /write}, {@code /exec}. */
  public String url() {
    return "http://" + Ports.LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return log.path();
  }

  /**
   * Runs SQL through {@code GET /exec}.
   *
   * @param sql the query
   * @return the JSON answer ({@code columns}, {@code dataset}; {@code error} when it failed, e.g. no such table)
   */
  public String exec(String sql) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/exec?query="
          + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
  }

  private void writeConfig() {
    String config = String.join("\n",
        "http.bind.to=" + Ports.LOOPBACK + ":" + port,
        "http.min.enabled=false",
        "pg.enabled=false",
        "line.tcp.enabled=false",
        "line.udp.enabled=false",
        "telemetry.enabled=false",
        // Else it still makes a telemetry table at start, half of its disk use.
        "telemetry.disable.completely=true",
        "");
    try {
      Files.createDirectories(dir.resolve("conf"));
      Files.createDirectories(dir.resolve("jvm-tmp"));
      Files.writeString(dir.resolve("conf").resolve("server.conf"), config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the QuestDB configuration in " + dir, e);
    }
  }

  @Override
  synchronized void launch() {
    ChildProcess child = ChildProcess.start("QuestDB 127.0.0.1:" + port,
        // Its native libraries are unpacked into java.io.tmpdir and left there after a kill: keep them in its dir
        // (not <dir>/tmp, which QuestDB uses for CSV imports).
        JavaCommand.build(List.of(HEAP, "-Djava.io.tmpdir=" + dir.resolve("jvm-tmp")), List.of(), classpath, MAIN,
            List.of("-d", dir.toString())),
        dir, Map.of(), log, null);
    attach(child);
    Registry.register(this);
    try {
      child.awaitReady("a 204 answer to /ping on port " + port, START_TIMEOUT, this::pings);
    } catch (RuntimeException e) {
      child.kill();
      detach();
      throw e;
    }
  }

  private boolean pings() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "QuestDbServer[" + url() + "]";
  }
}
