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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real single-node Apache Kafka 4.4.0 broker (KRaft, broker and controller in one process) in its own JVM, on two
 * free loopback ports. The classpath is resolved once from {@code servers/kafka/pom.xml}; the storage is formatted
 * with {@code kafka.tools.StorageTool}, then {@code kafka.Kafka} runs with {@value #HEAP}. Ready when the log says
 * {@value #READY_LINE} and the port accepts connections.
 *
 * <p>Tuned for quick tests: {@code group.initial.rebalance.delay.ms=0}, 4 partitions for {@code __consumer_offsets},
 * the transaction log and auto-created topics ({@code auto.create.topics.enable=true, num.partitions=4}), and a
 * broker session of 4 s (a restart after {@link #kill()} waits for the old session to expire).
 *
 * <p>Log: {@code target/test-servers/kafka-<port>.log}; data: {@code target/test-servers/kafka-<port>/}, deleted by
 * {@link #close()}. {@link #restart()} keeps ports and data, so topics, records and committed offsets survive
 * {@link #stop()} and {@link #kill()}.
 */
public final class KafkaBroker extends ChildServer {

  public static final String READY_LINE = "Kafka Server started";
  static final String HEAP = "-Xmx384m";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final int port;
  private final int controllerPort;
  private final Path dir;
  private final Path config;
  private final LogFile log;
  private final List<Path> classpath;

  private KafkaBroker(int port, int controllerPort, Path dir, List<Path> classpath) {
    super(STOP_GRACE);
    this.port = port;
    this.controllerPort = controllerPort;
    this.dir = dir;
    this.config = dir.resolve("server.properties");
    this.log = Workspace.logFile("kafka", port);
    this.classpath = classpath;
  }

  /** Starts a broker with the default settings. */
  public static KafkaBroker start() {
    return start(Map.of());
  }

  /**
   * Starts a broker; {@code serverProperties} are added to (and override) the generated server.properties, for
   * example {@code Map.of("num.partitions", "1")}.
   */
  public static KafkaBroker start(Map<String, String> serverProperties) {
    List<Path> classpath = ServerClasspath.resolve("kafka");
    return startOnFreePorts(() -> {
      int port = Ports.freePort();
      Path dir = Workspace.root().resolve("kafka-" + port);
      Workspace.deleteRecursively(dir);
      return new KafkaBroker(port, Ports.freePort(), dir, classpath);
    }, broker -> {
      broker.writeConfig(serverProperties);
      broker.format();
      broker.launch();
    });
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return Ports.LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path logFile() {
    return log.path();
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
  }

  private void writeConfig(Map<String, String> overrides) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", dataDir().toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.put("num.partitions", "4");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    // after kill(), the restarted controller waits for the old broker registration's session to expire before
    // it lets the broker register again: 4 s instead of 9 s
    p.put("broker.session.timeout.ms", "4000");
    p.put("broker.heartbeat.interval.ms", "500");
    p.putAll(overrides);
    String log4j = String.join("\n",
        "status = warn",
        "shutdownHook = disable",
        "appender.out.type = Console",
        "appender.out.name = OUT",
        "appender.out.target = SYSTEM_OUT",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.out.ref = OUT",
        "logger.request.name = kafka.request.logger",
        "logger.request.level = WARN",
        "logger.state.name = state.change.logger",
        "logger.state.level = WARN",
        "");
    try {
      Files.createDirectories(dataDir());
      Files.writeString(config, p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("log4j2.properties"), log4j, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka configuration in " + dir, e);
    }
  }

  private List<String> jvmOptions(String heap) {
    return List.of(heap, "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri(),
        "-Dkafka.logs.dir=" + dir.resolve("logs"));
  }

  private void format() {
    ChildProcess storageTool = ChildProcess.start("Kafka StorageTool format (port " + port + ")",
        JavaCommand.build(jvmOptions("-Xmx128m"), List.of(), classpath, "kafka.tools.StorageTool",
            List.of("format", "-t", clusterId(), "-c", config.toString())),
        dir, Map.of(), log, null);
    storageTool.awaitSuccess(Duration.ofSeconds(60));
  }

  @Override
  synchronized void launch() {
    ChildProcess child = ChildProcess.start("Kafka broker 127.0.0.1:" + port,
        JavaCommand.build(jvmOptions(HEAP), List.of(), classpath, "kafka.Kafka", List.of(config.toString())),
        dir, Map.of(), log, null);
    attach(child);
    Registry.register(this);
    try {
      child.awaitReady("'" + READY_LINE + "' and port " + port + " accepting", START_TIMEOUT,
          () -> child.logSinceStart().found(l -> l.contains(READY_LINE)) && Ports.accepts(port));
    } catch (RuntimeException e) {
      child.kill();
      detach();
      throw e;
    }
  }

  /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
  private static String clusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + "]";
  }
}
