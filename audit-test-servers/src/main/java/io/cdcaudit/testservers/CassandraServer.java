package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.internal.JdkHomes;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.ServerClasspath;
import io.cdcaudit.testservers.internal.Workspace;
import io.cdcaudit.testservers.runner.ParentWatchdog;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real single-node Apache Cassandra 5.0.9 in its own JVM, on free loopback ports (native protocol, storage, JMX).
 * The classpath is resolved once from {@code servers/cassandra/pom.xml}; {@code
 * org.apache.cassandra.service.CassandraDaemon} runs in the foreground with {@value #HEAP}, the
 * {@code --add-exports}/{@code --add-opens} block of Cassandra's own {@code jvm17-server.options}, and always on Java
 * 17 (found by {@link JdkHomes}; Cassandra 5.0 dies on newer releases), whatever JDK runs the tests.
 *
 * <p>Tuned for quick tests on a small machine: {@code num_tokens: 1}, {@code initial_token: 0}, small memtables
 * (64 MiB on and off heap), {@code auto_snapshot: false} (so {@code TRUNCATE} and {@code DROP} are quick),
 * {@code commitlog_sync: periodic}, few threads, and {@code -Dcassandra.skip_wait_for_gossip_to_settle=0
 * -Dcassandra.ring_delay_ms=0}. When the tests run as root, the JVM runs without {@code CAP_IPC_LOCK} (through
 * {@code setpriv}, when there is one), so Cassandra's {@code mlockall} fails harmlessly (one warning) instead of
 * pinning the whole heap in memory.
 *
 * <p>Ready when the log says {@value #READY_LINE} for its port and the port accepts connections. The data centre is
 * {@value #DATACENTER} (a driver needs it as its local data centre).
 *
 * <p>Log: {@code target/test-servers/cassandra-<port>.log}; data: {@code target/test-servers/cassandra-<port>/},
 * deleted by {@link #close()}. {@link #restart()} keeps ports and data.
 *
 * <p>Killed with {@link #kill()}, a node replays its commit log on {@link #restart()}; with the default periodic sync the
 * writes of the last 10 s may be lost, with {@code commitlog_sync: batch} none.
 */
public final class CassandraServer extends ChildServer {

  public static final String READY_LINE = "Starting listening for CQL clients on";
  public static final String DATACENTER = "datacenter1";
  static final String HEAP = "-Xmx512m";
  /** Cassandra 5.0 runs on Java 11 and 17 only. */
  static final int JAVA_RELEASE = 17;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final String SETPRIV = "/usr/bin/setpriv";

  /** The JPMS block of Cassandra 5.0's conf/jvm17-server.options: without it the daemon dies at once. */
  static final List<String> JVM17_MODULE_OPTIONS = List.of(
      "-Djdk.attach.allowAttachSelf=true",
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
      "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
      "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
      "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true",
      "-Dio.netty.allocator.useCacheForAllThreads=true",
      "-Dio.netty.allocator.maxOrder=11");

  private static CassandraServer shared;

  private final int port;
  private final int storagePort;
  private final int jmxPort;
  private final Path dir;
  private final LogFile log;
  private final List<Path> classpath;
  private final List<String> extraJvmOptions;

  private CassandraServer(int port, int storagePort, int jmxPort, Path dir, List<Path> classpath,
                          List<String> extraJvmOptions) {
    super(STOP_GRACE);
    this.port = port;
    this.storagePort = storagePort;
    this.jmxPort = jmxPort;
    this.dir = dir;
    this.log = Workspace.logFile("cassandra", port);
    this.classpath = classpath;
    this.extraJvmOptions = List.copyOf(extraJvmOptions);
  }

  /** Starts a node with the default settings. */
  public static CassandraServer start() {
    return start(Map.of(), List.of());
  }

  /**
   * Starts a node.
   *
   * @param settings top-level {@code cassandra.yaml} settings that are added to (and override) the generated ones,
   *                 each value a YAML scalar, for example {@code Map.of("memtable_heap_space", "32MiB")}
   * @param jvmOptions JVM options added last (so they win), for example {@code -XX:TieredStopAtLevel=4} to give
   *                   the node the optimizing compiler for a benchmark (test nodes start quicker with C1 only)
   */
  public static CassandraServer start(Map<String, String> settings, List<String> jvmOptions) {
    List<Path> classpath = ServerClasspath.resolve("cassandra");
    return startOnFreePorts(() -> {
      int port = Ports.freePort();
      Path dir = Workspace.root().resolve("cassandra-" + port);
      Workspace.deleteRecursively(dir);
      return new CassandraServer(port, Ports.freePort(), Ports.freePort(), dir, classpath, jvmOptions);
    }, server -> {
      server.writeConfig(settings);
      server.launch();
    });
  }

  /**
   * The JVM-wide shared node, started on first call and closed when the JVM exits. Tests that share it keep to
   * their own keyspaces (or truncate their own tables); tests that stop, kill or restart a node start their own.
   */
  public static synchronized CassandraServer shared() {
    if (shared == null || !shared.isRunning()) {
      if (shared != null) {
        shared.close();
      }
      shared = start();
      Registry.register(shared);
    }
    return shared;
  }

  /** Where a driver connects: {@code 127.0.0.1:<port>}. */
  public InetSocketAddress contactPoint() {
    return new InetSocketAddress(Ports.LOOPBACK, port);
  }

  /** The native-protocol (CQL) port. */
  public int port() {
    return port;
  }

  public int storagePort() {
    return storagePort;
  }

  public int jmxPort() {
    return jmxPort;
  }

  /** The data centre of this node, which a driver must name as its local one: {@value #DATACENTER}. */
  public String localDatacenter() {
    return DATACENTER;
  }

  public Path logFile() {
    return log.path();
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  /** The process id of the running node, or -1. */
  public synchronized long pid() {
    return process() == null ? -1 : process().pid();
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
  }

  private void writeConfig(Map<String, String> overrides) {
    Path data = dataDir();
    Map<String, String> c = new LinkedHashMap<>();
    c.put("cluster_name", "cdc-audit-test");
    c.put("num_tokens", "1");
    c.put("initial_token", "0");
    c.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
    c.put("endpoint_snitch", "SimpleSnitch");
    c.put("listen_address", Ports.LOOPBACK);
    c.put("rpc_address", Ports.LOOPBACK);
    c.put("storage_port", Integer.toString(storagePort));
    c.put("native_transport_port", Integer.toString(port));
    c.put("start_native_transport", "true");
    c.put("commitlog_directory", quoted(data.resolve("commitlog")));
    c.put("saved_caches_directory", quoted(data.resolve("saved_caches")));
    c.put("hints_directory", quoted(data.resolve("hints")));
    c.put("cdc_raw_directory", quoted(data.resolve("cdc_raw")));
    c.put("commitlog_sync", "periodic");
    c.put("commitlog_sync_period", "10000ms");
    c.put("commitlog_segment_size", "32MiB");
    c.put("memtable_heap_space", "64MiB");
    c.put("memtable_offheap_space", "64MiB");
    c.put("auto_snapshot", "false");
    c.put("concurrent_reads", "8");
    c.put("concurrent_writes", "16");
    c.put("concurrent_counter_writes", "4");
    c.put("concurrent_compactors", "1");
    c.put("memtable_flush_writers", "1");
    c.put("key_cache_size", "16MiB");
    c.put("counter_cache_size", "0MiB");
    c.put("prepared_statements_cache_size", "8MiB");
    c.put("dynamic_snitch", "false");
    c.put("max_hints_delivery_threads", "1");
    c.putAll(overrides);
    StringBuilder yaml = new StringBuilder();
    c.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    yaml.append("data_file_directories:\n  - ").append(quoted(data.resolve("data"))).append('\n');
    yaml.append("seed_provider:\n")
        .append("  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n")
        .append("    parameters:\n")
        .append("      - seeds: \"").append(Ports.LOOPBACK).append(':').append(storagePort).append("\"\n");
    String logback = String.join("\n",
        "<configuration scan=\"false\">",
        "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder><pattern>%-5level [%thread] %date{ISO8601} %logger{0} - %msg%n</pattern></encoder>",
        "  </appender>",
        // every flush, compaction and truncate logs several lines: keep the log readable
        "  <logger name=\"org.apache.cassandra.db.lifecycle\" level=\"WARN\"/>",
        "  <logger name=\"org.apache.cassandra.db.memtable\" level=\"WARN\"/>",
        "  <logger name=\"org.apache.cassandra.db.ColumnFamilyStore\" level=\"WARN\"/>",
        "  <logger name=\"org.apache.cassandra.db.compaction\" level=\"WARN\"/>",
        "  <logger name=\"org.apache.cassandra.io.sstable\" level=\"WARN\"/>",
        "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
        "</configuration>",
        "");
    try {
      Files.createDirectories(data);
      Files.createDirectories(dir.resolve("logs"));
      Files.writeString(configFile(), yaml.toString(), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Cassandra configuration in " + dir, e);
    }
  }

  private Path configFile() {
    return dir.resolve("cassandra.yaml");
  }

  private static String quoted(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    if (Workspace.runningAsRoot() && Files.isExecutable(Path.of(SETPRIV))) {
      // As root Cassandra's mlockall succeeds and pins every page it maps (RSS ~1 GB): without CAP_IPC_LOCK it
      // fails against RLIMIT_MEMLOCK instead, which Cassandra only warns about. setpriv execs java (same pid).
      command.addAll(List.of(SETPRIV, "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock"));
    }
    command.add(JdkHomes.java(JAVA_RELEASE).toString());
    command.addAll(JavaCommand.COMMON_JVM_OPTIONS);
    command.add(HEAP);
    command.add("-Xss256k");
    command.addAll(JVM17_MODULE_OPTIONS);
    command.add("-Dcassandra-foreground=yes");
    command.add("-Dcassandra.config=" + configFile().toUri());
    command.add("-Dcassandra.storagedir=" + dataDir());
    command.add("-Dcassandra.logdir=" + dir.resolve("logs"));
    command.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
    command.add("-Dcassandra.jmx.local.port=" + jmxPort);
    command.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    command.add("-Dcassandra.ring_delay_ms=0");
    command.addAll(extraJvmOptions);
    List<Path> cp = new ArrayList<>();
    cp.add(JavaCommand.ownClasses());
    cp.addAll(classpath);
    command.add("-cp");
    command.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(ParentWatchdog.class.getName());
    command.add("org.apache.cassandra.service.CassandraDaemon");
    return command;
  }

  @Override
  synchronized void launch() {
    ChildProcess child = ChildProcess.start("Cassandra 127.0.0.1:" + port, command(), dir, Map.of(), log, null);
    attach(child);
    Registry.register(this);
    String ready = READY_LINE + " /" + Ports.LOOPBACK + ":" + port;
    try {
      child.awaitReady("'" + ready + "' and port " + port + " accepting", START_TIMEOUT,
          () -> child.logSinceStart().found(l -> l.contains(ready)) && Ports.accepts(port));
    } catch (RuntimeException e) {
      child.kill();
      detach();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "CassandraServer[" + Ports.LOOPBACK + ":" + port + "]";
  }
}
