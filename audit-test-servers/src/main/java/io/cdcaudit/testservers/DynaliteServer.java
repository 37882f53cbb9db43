package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;
import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.NodePackage;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.Workspace;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A DynamoDB emulator: dynalite 4.0.0 (npm, Apache-2.0), a Node.js program pinned by
 * {@code servers/dynalite/package.json}, run as
 * {@code node node_modules/dynalite/cli.js --host 127.0.0.1 --port <port>} on a free loopback port, in memory (no
 * {@code --path}). Tables leave {@code CREATING}, {@code DELETING} and {@code UPDATING} after 50 ms. Ready when a
 * {@code ListTables} call answers. Log: {@code target/test-servers/dynalite-<port>.log}. Everything is in memory:
 * {@link #restart()} keeps the port but starts with no table. The server exits with the test JVM
 * ({@code servers/exit-with-parent.js}).
 *
 * <p>For the Kinesis Client Library's lease table, which dynalite cannot give the index KCL 3 adds, see
 * {@link KclLeaseTables}. Needs {@code node} and {@code npm ci --prefix audit-test-servers/servers/dynalite}
 * ({@code scripts/lib/ensure-tools} does both), and the AWS SDK's {@code dynamodb} and {@code apache5-client} on the
 * caller's classpath (optional dependencies of this module). {@link TestServers#dynalite()} is the shared instance.
 */
public final class DynaliteServer extends ChildServer {

  /** The npm package directory under {@code servers/}. */
  public static final String PACKAGE = "dynalite";

  static final String CLI = "dynalite/cli.js";
  private static final String TABLE_STATE_MS = "50";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final NodePackage npm;
  private final int port;
  private final Path dir;
  private final LogFile log;

  private DynaliteServer(NodePackage npm, int port) {
    super(STOP_GRACE);
    this.npm = npm;
    this.port = port;
    this.dir = Workspace.root().resolve("dynalite-" + port);
    this.log = Workspace.logFile("dynalite", port);
  }

  /**
   * Starts dynalite on a free loopback port (three attempts when the port was taken meanwhile).
   *
   * @throws ServerStartException when {@code node} or the npm package is missing (the message names the command that
   *                              installs it), or the server does not come up
   */
  public static DynaliteServer start() {
    NodePackage npm = NodePackage.require(PACKAGE, CLI);
    return startOnFreePorts(() -> new DynaliteServer(npm, Ports.freePort()), server -> {
      Workspace.deleteRecursively(server.dir);
      Workspace.createDirectories(server.dir);
      server.launch();
    });
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://" + Ports.LOOPBACK + ":" + port);
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The region of its tables' ARNs and of every client: {@code us-east-1}. */
  public String region() {
    return AwsClients.REGION;
  }

  /** {@code target/test-servers/dynalite-<port>.log}. */
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
    ChildProcess child = ChildProcess.start("dynalite 127.0.0.1:" + port,
        npm.command(List.of(), CLI, List.of("--host", Ports.LOOPBACK, "--port", Integer.toString(port),
            "--createTableMs", TABLE_STATE_MS, "--deleteTableMs", TABLE_STATE_MS, "--updateTableMs", TABLE_STATE_MS)),
        dir, Map.of(), log, null);
    awaitReady(child, "a ListTables answer on port " + port, START_TIMEOUT, () -> KclLeaseTables.client(this),
        client -> AwsClients.answers(port,
            () -> client.listTables(r -> r.overrideConfiguration(AwsClients.QUICK_CALL))));
  }

  @Override
  public String toString() {
    return "DynaliteServer[" + endpoint() + "]";
  }
}
