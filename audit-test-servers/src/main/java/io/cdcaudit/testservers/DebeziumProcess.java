package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.ServerClasspath;
import io.cdcaudit.testservers.internal.ServerIds;
import io.cdcaudit.testservers.internal.Workspace;
import io.cdcaudit.testservers.runner.DebeziumToKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Debezium 3.5.0.Final embedded engine with the MariaDB connector, in its own JVM (classpath from
 * {@code servers/debezium/pom.xml}, so Kafka Connect never meets a test classpath), running
 * {@link DebeziumToKafka}: every change event goes to Kafka with key = the record key JSON and value = the record
 * value JSON, or null for a tombstone; offsets are committed only after Kafka acknowledged the records.
 *
 * <p>Ready when the connector logs {@value #READY_LINE} (its binlog client is connected and streaming; logged by
 * {@code io.debezium.connector.binlog.BinlogStreamingChangeEventSource}), which comes after the snapshot.
 *
 * <p>Defaults (every one can be overridden through the options map):
 * <pre>
 * connector.class=io.debezium.connector.mariadb.MariaDbConnector
 * database.hostname/port/user/password  = the server and its CDC user
 * database.server.id                   = a fresh id
 * name=debezium, topic.prefix=cdc, snapshot.mode=no_data
 * include.schema.changes=true, include.query=true, decimal.handling.mode=string, skipped.operations=none
 * schema.history.internal.store.only.captured.databases.ddl=true
 * key.converter.schemas.enable=false, value.converter.schemas.enable=false
 * offset.storage=org.apache.kafka.connect.storage.FileOffsetBackingStore, offset.flush.interval.ms=0
 * schema.history.internal=io.debezium.storage.file.history.FileSchemaHistory
 * poll.interval.ms=100
 * </pre>
 * Offsets and schema history are files in {@code target/test-servers/debezium-<name>-<db port>/}: a later start with
 * the same {@code name} against the same {@link MariaDbServer} instance resumes where the last one stopped (state
 * left by another server instance is discarded). Extra keys: {@value #TOPIC} (produce everything to one topic
 * instead of each record's destination {@code <topic.prefix>.<db>.<table>}) and {@value #PRODUCER_PREFIX}{@code *}
 * (Kafka producer settings; acks=all and idempotence are the defaults).
 *
 * <p>Log: {@code target/test-servers/debezium-<name>-<db port>.log}.
 *
 * <p>Its offsets and schema history stay after {@link #close()}, for a later start with the same name against the same server.
 */
public final class DebeziumProcess extends ChildServer {

  /** Logged by the connector once its binlog client is connected, i.e. streaming has started. */
  public static final String READY_LINE = "Connected to binlog at";
  /** Option: produce every record to this one topic. */
  public static final String TOPIC = DebeziumToKafka.TOPIC;
  /** Option prefix: Kafka producer settings. */
  public static final String PRODUCER_PREFIX = DebeziumToKafka.PRODUCER_PREFIX;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Map<String, String> properties;
  private final List<String> command;
  private final Path dir;
  private final LogFile log;
  private final String description;

  /** The live instance per work directory: two at once would share offsets (on one server). */
  private static final Map<Path, DebeziumProcess> LIVE = new ConcurrentHashMap<>();

  private DebeziumProcess(String name, Map<String, String> properties, List<String> command, Path dir, LogFile log,
                          String description) {
    super(STOP_GRACE);
    this.name = name;
    this.properties = properties;
    this.command = command;
    this.dir = dir;
    this.log = log;
    this.description = description;
  }

  /** Starts the engine against {@code db}, producing to {@code kafka}; see the class comment for options. */
  public static DebeziumProcess start(MariaDbServer db, KafkaBroker kafka, Map<String, String> options) {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(kafka, "kafka");
    Map<String, String> given = options == null ? Map.of() : options;
    String name = given.getOrDefault("name", "debezium");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match " + NAME + ": " + name);
    }
    String id = "debezium-" + name;
    Path dir = Workspace.root().resolve(id + "-" + db.port());
    DebeziumProcess running = LIVE.get(dir);
    if (running != null && running.isRunning()) {
      throw new IllegalStateException("another Debezium named " + name + " runs against this server: " + running);
    }
    prepareStateDir(dir, db);

    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
    p.put("database.hostname", db.host());
    p.put("database.port", Integer.toString(db.port()));
    p.put("database.user", db.cdcUser());
    p.put("database.password", db.cdcPassword());
    p.put("database.server.id", Integer.toString(ServerIds.next()));
    p.put("topic.prefix", "cdc");
    p.put("snapshot.mode", "no_data");
    p.put("include.schema.changes", "true");
    p.put("include.query", "true");
    p.put("decimal.handling.mode", "string");
    p.put("skipped.operations", "none");
    p.put("schema.history.internal.store.only.captured.databases.ddl", "true");
    p.put("key.converter.schemas.enable", "false");
    p.put("value.converter.schemas.enable", "false");
    p.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    p.put("offset.storage.file.filename", dir.resolve("offsets.dat").toString());
    p.put("offset.flush.interval.ms", "0");
    p.put("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
    p.put("schema.history.internal.file.filename", dir.resolve("schema-history.dat").toString());
    p.put("poll.interval.ms", "100");
    p.put(PRODUCER_PREFIX + "bootstrap.servers", kafka.bootstrapServers());
    p.putAll(given);
    Path propertiesFile = dir.resolve("debezium.properties");
    writeProperties(propertiesFile, p);

    List<Path> classpath = ServerClasspath.resolve("debezium");
    List<String> command = JavaCommand.build(List.of("-Xmx256m"), List.of(), classpath,
        DebeziumToKafka.class.getName(), List.of(propertiesFile.toString()));
    String where = p.containsKey(TOPIC) ? "topic " + p.get(TOPIC) : "topics " + p.get("topic.prefix") + ".*";
    DebeziumProcess debezium = new DebeziumProcess(name, Collections.unmodifiableMap(p), command, dir,
        Workspace.logFile(id, db.port()),
        "Debezium " + name + " (" + db.host() + ":" + db.port() + " to Kafka " + where + ")");
    debezium.launch();
    return debezium;
  }

  private static void prepareStateDir(Path dir, MariaDbServer db) {
    Path marker = dir.resolve("mariadb-instance");
    try {
      if (Files.isDirectory(dir) && (!Files.isRegularFile(marker)
          || !Files.readString(marker, StandardCharsets.UTF_8).equals(db.instanceId()))) {
        Workspace.deleteRecursively(dir); // offsets of another server instance: useless here
      }
      Files.createDirectories(dir);
      Files.writeString(marker, db.instanceId(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  private static void writeProperties(Path file, Map<String, String> properties) {
    Properties p = new Properties();
    properties.forEach((k, v) -> p.setProperty(k, v == null ? "" : v));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "Debezium engine (cdc-audit test servers); cdcaudit.* keys are for DebeziumToKafka");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public String name() {
    return name;
  }

  /** The engine, connector and producer properties in effect (they include the CDC user's password). */
  public Map<String, String> properties() {
    return properties;
  }

  /** The topic prefix: per-table topics are {@code <prefix>.<database>.<table>}. */
  public String topicPrefix() {
    return properties.get("topic.prefix");
  }

  /** The destination of {@code database.table}: {@code <topic.prefix>.<database>.<table>}, or the one topic. */
  public String topicFor(String database, String table) {
    String single = properties.get(TOPIC);
    return single != null && !single.isBlank() ? single : topicPrefix() + "." + database + "." + table;
  }

  public Path logFile() {
    return log.path();
  }

  /** Where the offsets and schema history are. */
  public Path stateDir() {
    return dir;
  }

  @Override
  void release() {
    Registry.unregister(this);
  }

  @Override
  synchronized void launch() {
    DebeziumProcess other = LIVE.put(dir, this);
    if (other != null && other != this && other.isRunning()) {
      LIVE.put(dir, other);
      throw new IllegalStateException("another Debezium with the same name runs against this server: " + other);
    }
    ChildProcess child = ChildProcess.start(description, command, dir, Map.of(), log, null);
    attach(child);
    Registry.registerClient(this);
    try {
      child.awaitReady("'" + READY_LINE + "'", START_TIMEOUT,
          () -> child.logSinceStart().found(l -> l.contains(READY_LINE)));
    } catch (RuntimeException e) {
      child.kill();
      detach();
      throw e;
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
