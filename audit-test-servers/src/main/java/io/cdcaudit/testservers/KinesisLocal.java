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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kinesis emulator: kinesis-mock 0.6.2 (npm {@code kinesis-local}, MIT), a Node.js program pinned by
 * {@code servers/kinesis-local/package.json}, run as {@code node -r servers/kinesis-local/loopback-only.js
 * node_modules/kinesis-local/main.js} on two free loopback ports: plain HTTP ({@link #endpoint()}) and HTTPS with
 * the package's self-signed certificate ({@link #tlsPort()}). kinesis-mock has no host setting: the preloaded
 * {@code loopback-only.js} binds its servers to 127.0.0.1 only.
 *
 * <p>Everything is in memory (nothing persisted, nothing loaded): {@link #restart()} keeps the ports but starts with
 * no stream. Streams become {@code ACTIVE} 50 ms after they are created (also deleted, resharded, updated), up to
 * {@value #SHARD_LIMIT} shards. Ready when a {@code ListStreams} call over plain HTTP answers. Log:
 * {@code target/test-servers/kinesis-local-<plain port>.log}. The server exits with the test JVM
 * ({@code servers/exit-with-parent.js}).
 *
 * <p>Needs {@code node} and {@code npm ci --prefix audit-test-servers/servers/kinesis-local}
 * ({@code scripts/lib/ensure-tools} does both), and the AWS SDK's {@code kinesis} and {@code apache5-client} on the
 * caller's classpath (optional dependencies of this module). {@link KinesisStreams} creates streams and clients;
 * {@link TestServers#kinesisLocal()} is the shared instance.
 */
public final class KinesisLocal extends ChildServer {

  /** The npm package directory under {@code servers/}. */
  public static final String PACKAGE = "kinesis-local";
  /** Most shards of all streams together (kinesis-mock's default, 50, is too few for a shared instance). */
  public static final int SHARD_LIMIT = 1000;

  static final String MAIN = "kinesis-local/main.js";
  private static final String PRELOAD = "loopback-only.js";
  private static final String DELAY = "50ms";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final NodePackage npm;
  private final int plainPort;
  private final int tlsPort;
  private final Path dir;
  private final LogFile log;

  private KinesisLocal(NodePackage npm, int plainPort, int tlsPort) {
    super(STOP_GRACE);
    this.npm = npm;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    this.dir = Workspace.root().resolve("kinesis-local-" + plainPort);
    this.log = Workspace.logFile("kinesis-local", plainPort);
  }

  /**
   * Starts kinesis-mock on two free loopback ports (three attempts when a port was taken meanwhile).
   *
   * @throws ServerStartException when {@code node} or the npm package is missing (the message names the command that
   *                              installs it), or the server does not come up
   */
  public static KinesisLocal start() {
    NodePackage npm = NodePackage.require(PACKAGE, MAIN);
    return startOnFreePorts(() -> new KinesisLocal(npm, Ports.freePort(), Ports.freePort()), server -> {
      Workspace.deleteRecursively(server.dir);
      Workspace.createDirectories(server.dir);
      server.launch();
    });
  }

  /** The plain HTTP endpoint: {@code http://127.0.0.1:<plain port>}. */
  public URI endpoint() {
    return URI.create("http://" + Ports.LOOPBACK + ":" + plainPort);
  }

  /** The plain HTTP port ({@code KINESIS_MOCK_PLAIN_PORT}). */
  public int plainPort() {
    return plainPort;
  }

  /** The HTTPS port ({@code KINESIS_MOCK_TLS_PORT}), with kinesis-mock's self-signed certificate. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The region of its streams' ARNs and of every client: {@code us-east-1}. */
  public String region() {
    return AwsClients.REGION;
  }

  /** {@code target/test-servers/kinesis-local-<plain port>.log}. */
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
    ChildProcess child = ChildProcess.start("kinesis-local 127.0.0.1:" + plainPort,
        npm.command(List.of("-r", npm.dir().resolve(PRELOAD).toString()), MAIN, List.of()), dir, env(), log, null);
    awaitReady(child, "a ListStreams answer on port " + plainPort, START_TIMEOUT, () -> KinesisStreams.client(this),
        client -> AwsClients.answers(plainPort,
            () -> client.listStreams(r -> r.overrideConfiguration(AwsClients.QUICK_CALL))));
  }

  private Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
    env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
    env.put("KINESIS_MOCK_CERT_PATH", npm.installed("kinesis-local/server.json").toString());
    env.put("AWS_REGION", AwsClients.REGION);
    env.put("SHOULD_PERSIST_DATA", "false");
    env.put("LOAD_DATA_IF_EXISTS", "false");
    env.put("SHARD_LIMIT", Integer.toString(SHARD_LIMIT));
    env.put("ON_DEMAND_STREAM_COUNT_LIMIT", "100");
    for (String operation : List.of("CREATE_STREAM", "DELETE_STREAM", "UPDATE_SHARD_COUNT", "UPDATE_STREAM_MODE",
        "MERGE_SHARDS", "SPLIT_SHARD", "REGISTER_STREAM_CONSUMER", "DEREGISTER_STREAM_CONSUMER",
        "START_STREAM_ENCRYPTION", "STOP_STREAM_ENCRYPTION")) {
      env.put(operation + "_DURATION", DELAY);
    }
    env.put("LOG_LEVEL", "INFO");
    // SIGTERM: cats-effect's shutdown waits for every open connection (a client not closed yet) unless bounded
    env.put("CATS_EFFECT_SHUTDOWN_HOOK_TIMEOUT", "500ms");
    return env;
  }

  @Override
  public String toString() {
    return "KinesisLocal[" + endpoint() + ", TLS port " + tlsPort + "]";
  }
}
