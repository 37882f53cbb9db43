package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.AwsClients;
import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.JavaCommand;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.MaxwellShim;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.ServerClasspath;
import io.cdcaudit.testservers.internal.ServerIds;
import io.cdcaudit.testservers.internal.Workspace;

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
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Maxwell's Daemon 1.22.6 ({@code com.zendesk:maxwell}, classpath from {@code servers/maxwell/pom.xml}) in its own
 * JVM, reading the binlog of a {@link MariaDbServer} as its CDC user, with its state in the {@code maxwell} database
 * of that server. Ready when its log says {@value #READY_LINE}.
 *
 * <p>Three producers: {@link #start(MariaDbServer, KafkaBroker, String, String, Map) Kafka} (Maxwell's bundled
 * kafka-clients 1.0.0, which works against the 4.4 broker; {@code kafka.acks=all} unless overridden; the record key
 * is {@code {"database":..,"table":..,"pk.<column>":..}}),
 * {@link #startKinesis(MariaDbServer, KinesisLocal, String, String, Map) Kinesis} (the Kinesis Producer Library
 * Maxwell brings, against a {@link KinesisLocal}; it aggregates records), and
 * {@link #startStdout(MariaDbServer, String, Map) stdout}, whose JSON lines are appended to {@link #eventsFile()}.
 *
 * <p>Options are Maxwell's option names without the leading {@code --} ({@code "output_ddl" -> "true"}), plus
 * {@code kafka.<producer setting>}; they are written to a {@code config.properties} passed with {@code --config}
 * (Maxwell 1.22 accepts {@code kafka.*} settings only there). {@link #FULL_OUTPUT} is the set the fixture's full
 * capture used. Each Maxwell
 * on one server needs its own {@code client_id} and {@code replica_server_id}: a fresh replica_server_id is picked
 * unless given. Log: {@code target/test-servers/maxwell-<clientId>-<db port>.log}.
 *
 * <p>After {@link #stop()} or {@link #kill()}, a start with the same client id resumes from the position Maxwell stored.
 */
public final class MaxwellProcess extends ChildServer {

  public static final String READY_LINE = "Binlog connected";
  public static final String MAIN_CLASS = "com.zendesk.maxwell.Maxwell";

  /** The output options of the fixture's full capture ({@code maxwell.jsonl}). */
  public static final Map<String, String> FULL_OUTPUT = fullOutput();

  /** The file the Kinesis Producer Library's settings are read from, in Maxwell's working directory. */
  static final String KPL_PROPERTIES = "kinesis-producer-library.properties";
  /** Under the work directory: where the KPL extracts its native binary (not the shared {@code /tmp}). */
  static final String KPL_TEMP_DIR = "kpl-tmp";

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final String clientId;
  private final int replicaServerId;
  private final List<String> command;
  private final Path dir;
  private final LogFile log;
  private final Path eventsFile;
  private final Map<String, String> env;
  private final String description;

  /** The live instance per work directory: two at once would share a client id (on one server). */
  private static final Map<Path, MaxwellProcess> LIVE = new ConcurrentHashMap<>();

  private MaxwellProcess(String clientId, int replicaServerId, List<String> command, Path dir, LogFile log,
                         Path eventsFile, Map<String, String> env, String description) {
    super(STOP_GRACE);
    this.clientId = clientId;
    this.replicaServerId = replicaServerId;
    this.command = command;
    this.dir = dir;
    this.log = log;
    this.eventsFile = eventsFile;
    this.env = env;
    this.description = description;
  }

  /**
   * Starts Maxwell with {@code --producer=kafka}, producing to {@code topic} (Maxwell's templates such as
   * {@code maxwell_%{database}_%{table}} work) on {@code kafka}.
   *
   * @param extraOptions Maxwell options without {@code --}, e.g. {@link #FULL_OUTPUT}, {@code filter},
   *                     {@code producer_partition_by}, {@code kafka.<producer setting>}; they override the defaults
   */
  public static MaxwellProcess start(MariaDbServer db, KafkaBroker kafka, String topic, String clientId,
                                     Map<String, String> extraOptions) {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(topic, "topic");
    Map<String, String> options = new LinkedHashMap<>();
    options.put("producer", "kafka");
    options.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    options.put("kafka_topic", topic);
    options.put("kafka.acks", "all");
    return start(db, clientId, options, extraOptions, null, Map.of(), null, "to Kafka topic " + topic);
  }

  /**
   * Starts Maxwell with {@code --producer=kinesis}, producing to {@code stream} on {@code kinesis} (which must exist:
   * {@link KinesisStreams#createUnique}) through the Kinesis Producer Library (KPL) 0.12.8 that Maxwell brings, a
   * native program (inside the {@code amazon-kinesis-producer} jar) that Maxwell's JVM starts as its child.
   *
   * <p>The KPL reads its settings from {@code kinesis-producer-library.properties} in Maxwell's working directory
   * (the work directory {@code target/test-servers/maxwell-<clientId>-<db port>/}), which this writes:
   * {@code KinesisEndpoint=127.0.0.1}, {@code KinesisPort=}{@link KinesisLocal#tlsPort()} (the KPL speaks HTTPS
   * only), {@code VerifyCertificate=false} (kinesis-mock's certificate is self-signed), {@code MetricsLevel=none},
   * {@code Region=us-east-1}, {@code AggregationEnabled=true}, and {@code TempDirectory=kpl-tmp/} under the work
   * directory, where the KPL extracts its 35 MB binary (else into {@code /tmp}, shared by every run; kept for
   * {@link #restart()}, deleted by {@link #close()}). Its credentials
   * are dummy ones ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION=us-east-1}) set in
   * the environment of Maxwell's process only, where they override any the test JVM has.
   *
   * <p>What the records look like: Maxwell's JSON, partition key after {@code producer_partition_by} (Maxwell's
   * default: the database name, so one shard gets everything; {@code primary_key} spreads rows). Records the KPL
   * gets before it has the stream's shard map (it asks for the map when the first record comes, and has it about a
   * second later) go out one Kinesis record each; later ones are KPL aggregates (data starting with the magic bytes
   * {@code F3 89 9A C2}, then a protobuf {@code AggregatedRecord}, then its MD5), which a consumer must de-aggregate.
   * A lone record is sent as it is, not as an aggregate of one.
   *
   * <p>Slow against the emulator: the KPL sends {@code Expect: 100-continue}, kinesis-mock never answers
   * {@code 100}, and the KPL's HTTP client waits 1 s before it sends the body anyway, so every KPL request
   * ({@code PutRecords}, the shard map's {@code DescribeStream}) takes about 1.1 s: a row reaches the stream some
   * 1.5 s after its commit. Wait for records with a timeout of many seconds.
   *
   * @param extraOptions Maxwell options without {@code --}, e.g. {@link #FULL_OUTPUT}, {@code filter},
   *                     {@code producer_partition_by}; they override the defaults
   * @throws IllegalArgumentException when {@code stream} is not a Kinesis stream name
   */
  public static MaxwellProcess startKinesis(MariaDbServer db, KinesisLocal kinesis, String stream, String clientId,
                                            Map<String, String> extraOptions) {
    Objects.requireNonNull(kinesis, "kinesis");
    if (stream == null || !STREAM_NAME.matcher(stream).matches()) {
      throw new IllegalArgumentException("stream must match " + STREAM_NAME + ": " + stream);
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("producer", "kinesis");
    options.put("kinesis_stream", stream);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY);
    env.put("AWS_REGION", AwsClients.REGION);
    return start(db, clientId, options, extraOptions, null, env, dir -> writeKplProperties(dir, kinesis),
        "to Kinesis stream " + stream + " on " + kinesis);
  }

  /** Starts Maxwell with {@code --producer=stdout}; its JSON lines are appended to {@link #eventsFile()}. */
  public static MaxwellProcess startStdout(MariaDbServer db, String clientId, Map<String, String> extraOptions) {
    Objects.requireNonNull(db, "db");
    requireNotRunning(workDir(db, clientId));
    Map<String, String> options = new LinkedHashMap<>();
    options.put("producer", "stdout");
    Path events = Workspace.root().resolve("maxwell-" + clientId + "-" + db.port() + ".jsonl");
    try {
      Files.deleteIfExists(events);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old " + events, e);
    }
    return start(db, clientId, options, extraOptions, events, Map.of(), null, "to " + events);
  }

  /**
   * @param env         added to the environment of Maxwell's process
   * @param prepareDir  null, or what writes the producer's own files into the work directory before the start
   */
  private static MaxwellProcess start(MariaDbServer db, String clientId, Map<String, String> producerOptions,
                                      Map<String, String> extraOptions, Path eventsFile, Map<String, String> env,
                                      Consumer<Path> prepareDir, String where) {
    Objects.requireNonNull(db, "db");
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException("clientId must match " + CLIENT_ID + ": " + clientId);
    }
    Map<String, String> extra = extraOptions == null ? Map.of() : extraOptions;
    String givenClientId = extra.get("client_id");
    if (givenClientId != null && !givenClientId.equals(clientId)) {
      throw new IllegalArgumentException("client_id given twice: " + clientId + " and " + givenClientId);
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("host", db.host());
    options.put("port", Integer.toString(db.port()));
    options.put("user", db.cdcUser());
    options.put("password", db.cdcPassword());
    options.put("schema_database", "maxwell");
    options.put("client_id", clientId);
    options.put("replica_server_id", Integer.toString(ServerIds.next()));
    options.putAll(producerOptions);
    options.putAll(extra);
    for (String key : options.keySet()) {
      if (key.startsWith("-")) {
        throw new IllegalArgumentException("give Maxwell options without the leading '--': " + key);
      }
    }
    Path dir = Workspace.createDirectories(workDir(db, clientId));
    requireNotRunning(dir);
    List<Path> classpath = ServerClasspath.resolve("maxwell");
    Path shim = MaxwellShim.classesDir();
    String name = "maxwell-" + clientId;
    // a config file, not command-line flags: only there does Maxwell 1.22 pass kafka.* on to its producer
    Path config = dir.resolve("config.properties");
    writeConfig(config, options, "Maxwell's Daemon (cdc-audit test servers)");
    if (prepareDir != null) {
      prepareDir.accept(dir);
    }
    List<String> command = JavaCommand.build(List.of("-Xmx256m"), List.of(shim), classpath, MAIN_CLASS,
        List.of("--config=" + config));
    MaxwellProcess maxwell = new MaxwellProcess(clientId, Integer.parseInt(options.get("replica_server_id")),
        command, dir, Workspace.logFile(name, db.port()), eventsFile, Map.copyOf(env),
        "Maxwell " + clientId + " (" + db.host() + ":" + db.port() + " " + where + ")");
    maxwell.launch();
    return maxwell;
  }

  private static Path workDir(MariaDbServer db, String clientId) {
    return Workspace.root().resolve("maxwell-" + clientId + "-" + db.port());
  }

  private static void requireNotRunning(Path dir) {
    MaxwellProcess other = LIVE.get(dir);
    if (other != null && other.isRunning()) {
      throw new IllegalStateException("another Maxwell with the same client id runs against this server: " + other);
    }
  }

  /**
   * The KPL's settings, in the file Maxwell hands to {@code KinesisProducerConfiguration.fromPropertiesFile}; the
   * names are the KPL's configuration properties.
   */
  private static void writeKplProperties(Path dir, KinesisLocal kinesis) {
    Path tempDir = Workspace.createDirectories(dir.resolve(KPL_TEMP_DIR));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("KinesisEndpoint", "127.0.0.1");
    // HTTPS: the KPL speaks nothing else (on the plain port its requests fail with curl error 35)
    settings.put("KinesisPort", Integer.toString(kinesis.tlsPort()));
    settings.put("VerifyCertificate", "false");
    settings.put("MetricsLevel", "none");
    settings.put("Region", AwsClients.REGION);
    settings.put("AggregationEnabled", "true");
    settings.put("TempDirectory", tempDir.toAbsolutePath().toString());
    writeConfig(dir.resolve(KPL_PROPERTIES), settings, "Kinesis Producer Library of Maxwell (cdc-audit test servers)");
  }

  private static void writeConfig(Path file, Map<String, String> options, String comment) {
    Properties properties = new Properties();
    options.forEach((key, value) -> properties.setProperty(key, value == null ? "" : value));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, comment);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public String clientId() {
    return clientId;
  }

  public int replicaServerId() {
    return replicaServerId;
  }

  public Path logFile() {
    return log.path();
  }

  /** Where the stdout producer's JSON lines go; null for the Kafka and Kinesis producers. */
  public Path eventsFile() {
    return eventsFile;
  }

  /** The JSON lines the stdout producer wrote so far (lines that start with '{'). */
  public List<String> events() {
    if (eventsFile == null) {
      throw new IllegalStateException(description + " does not produce to a file");
    }
    if (!Files.exists(eventsFile)) {
      return List.of();
    }
    try {
      return Files.readAllLines(eventsFile, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("{"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + eventsFile, e);
    }
  }

  @Override
  void release() {
    Registry.unregister(this);
    // the KPL's extracted 35 MB binary: not left in target/ after every run (the position in the maxwell database is
    // what a later start resumes from, and it extracts the binary again)
    Workspace.deleteRecursively(dir.resolve(KPL_TEMP_DIR));
  }

  @Override
  synchronized void launch() {
    MaxwellProcess other = LIVE.put(dir, this);
    if (other != null && other != this && other.isRunning()) {
      LIVE.put(dir, other);
      throw new IllegalStateException("another Maxwell with the same client id runs against this server: " + other);
    }
    if (eventsFile != null) {
      try {
        Files.createDirectories(eventsFile.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // the working directory is the work directory: the KPL's properties file is read from there (relative name)
    ChildProcess child = ChildProcess.start(description, command, dir, env, log, eventsFile);
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

  private static Map<String, String> fullOutput() {
    Map<String, String> options = new LinkedHashMap<>();
    for (String option : List.of("output_binlog_position", "output_server_id", "output_thread_id",
        "output_row_query", "output_primary_keys", "output_primary_key_columns", "output_xoffset",
        "output_ddl")) {
      options.put(option, "true");
    }
    return Collections.unmodifiableMap(options);
  }

  @Override
  public String toString() {
    return description;
  }
}
