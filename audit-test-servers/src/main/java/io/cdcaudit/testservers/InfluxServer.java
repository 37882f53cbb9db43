package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.Registry;
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
 * A private InfluxDB 1.x (Debian's {@code influxdb} package: {@code /usr/bin/influxd}, 1.6.7 on bookworm) with its
 * own meta, data and WAL directories under {@code target/test-servers/influxd-<port>/}, HTTP and the RPC port on free
 * loopback ports, usage reporting, the {@code _internal} monitor database and continuous queries off. It serves the v1
 * HTTP API ({@code /write}, {@code /query}); {@code /api/v2/write} answers 404 on 1.6.7.
 *
 * <p>Log: {@code target/test-servers/influxd-<port>.log}. Ready when {@code GET /ping} answers 204. {@link #close()}
 * stops the server and deletes its directory; {@link #restart()} keeps the data and the port.
 */
public final class InfluxServer extends ChildServer {

  public static final String INFLUXD = "/usr/bin/influxd";
  public static final String APT_HINT = "apt-get install -y influxdb";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final int rpcPort;
  private final Path dir;
  private final LogFile log;

  private InfluxServer(int port, int rpcPort) {
    super(STOP_GRACE);
    this.port = port;
    this.rpcPort = rpcPort;
    this.dir = Workspace.root().resolve("influxd-" + port);
    this.log = Workspace.logFile("influxd", port);
  }

  /**
   * Writes a fresh configuration and starts influxd.
   *
   * @throws ServerStartException when {@value #INFLUXD} is missing (install it with {@value #APT_HINT}) or the server
   *                              does not come up
   */
  public static InfluxServer start() {
    String influxd = influxd();
    if (!Files.isExecutable(Path.of(influxd))) {
      throw new ServerStartException(influxd + " is missing: InfluxDB is not installed on this machine. Run `"
          + APT_HINT + "` (as root; scripts/test does it) and run the tests again.");
    }
    return startOnFreePorts(() -> new InfluxServer(Ports.freePort(), Ports.freePort()), server -> {
      Workspace.deleteRecursively(server.dir);
      server.writeConfig();
      server.launch();
    });
  }

  private static String influxd() {
    return System.getProperty("cdcaudit.influxd", INFLUXD);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://" + Ports.LOOPBACK + ":" + port;
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return log.path();
  }

  /** The {@code X-Influxdb-Version} header of {@code /ping}, such as {@code 1.6.7~rc0}. */
  public String version() {
    try {
      HttpResponse<Void> ping = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/ping")).build(),
          HttpResponse.BodyHandlers.discarding());
      return ping.headers().firstValue("X-Influxdb-Version").orElse("unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs InfluxQL through {@code POST /query} ({@code epoch=ns}), for tests that look at the storage itself.
   *
   * @param influxQl one or more statements
   * @param database the {@code db} parameter, or {@code null}
   * @return the JSON answer
   */
  public String query(String influxQl, String database) {
    String form = "epoch=ns&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)
        + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/query"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException("influxd answered " + answer.statusCode() + " to " + influxQl + ": "
            + answer.body());
      }
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@link #query(String, String)} without a database. */
  public String query(String influxQl) {
    return query(influxQl, null);
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
  }

  private void writeConfig() {
    String config = String.join("\n",
        "reporting-disabled = true",
        "bind-address = \"" + Ports.LOOPBACK + ":" + rpcPort + "\"",
        "[meta]",
        "  dir = \"" + dir.resolve("meta") + "\"",
        "[data]",
        "  dir = \"" + dir.resolve("data") + "\"",
        "  wal-dir = \"" + dir.resolve("wal") + "\"",
        "  query-log-enabled = false",
        "[http]",
        "  bind-address = \"" + Ports.LOOPBACK + ":" + port + "\"",
        "  log-enabled = false",
        "[monitor]",
        "  store-enabled = false",
        "[continuous_queries]",
        "  enabled = false",
        "");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("influxd.conf"), config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the influxd configuration in " + dir, e);
    }
  }

  @Override
  synchronized void launch() {
    ChildProcess child = ChildProcess.start("influxd 127.0.0.1:" + port,
        List.of(influxd(), "run", "-config", dir.resolve("influxd.conf").toString()), dir, Map.of(), log, null);
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
    return "InfluxServer[" + url() + "]";
  }
}
