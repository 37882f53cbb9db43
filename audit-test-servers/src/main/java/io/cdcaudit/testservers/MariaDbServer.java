package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.ChildProcess;
import io.cdcaudit.testservers.internal.LogFile;
import io.cdcaudit.testservers.internal.Ports;
import io.cdcaudit.testservers.internal.Registry;
import io.cdcaudit.testservers.internal.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A private MariaDB server (Debian's {@code mariadb-server} package: {@code /usr/sbin/mariadbd},
 * {@code mariadb-install-db}) with its own datadir under {@code target/test-servers/mariadb-<port>/}, on a free
 * loopback port, with a ROW binlog configured like the fixture captures: {@code server_id=1, log_bin,
 * binlog_format=ROW, binlog_row_image=FULL, binlog_annotate_row_events=ON, character-set-server=utf8mb4,
 * old_mode=} (empty; Maxwell 1.22.6 needs it){@code , skip-name-resolve, bind-address=127.0.0.1}, time zone UTC.
 * When the tests run as root the server runs as the OS user {@code mysql}. A system MariaDB on 3306 is never touched.
 *
 * <p>Two users are created at start: a CDC user ({@code SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE,
 * REPLICATION CLIENT} on {@code *.*}, {@code ALL} on {@code maxwell.*}) for Maxwell and Debezium, and an application
 * user with all privileges, which {@link #execute}, {@link #connection} and {@link #createDatabase} use.
 *
 * <p>Log: {@code target/test-servers/mariadb-<port>.log}. Ready when the log says {@value #READY_LINE} and the
 * application user can log in over TCP. {@link #close()} stops the server and deletes the datadir.
 */
public final class MariaDbServer extends ChildServer {

  public static final String READY_LINE = "ready for connections";
  public static final String MARIADBD = "/usr/sbin/mariadbd";
  public static final String INSTALL_DB = "/usr/bin/mariadb-install-db";
  public static final String APT_HINT = "apt-get install -y mariadb-server";

  private static final String CDC_USER = "cdc";
  private static final String CDC_PASSWORD = "cdc-secret";
  private static final String APP_USER = "app";
  private static final String APP_PASSWORD = "app-secret";
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final int port;
  private final Path dir;
  private final Path socket;
  private final LogFile log;
  private final String instanceId = UUID.randomUUID().toString();

  private MariaDbServer(int port, Path dir, Path socket) {
    super(STOP_GRACE);
    this.port = port;
    this.dir = dir;
    this.socket = socket;
    this.log = Workspace.logFile("mariadb", port);
  }

  /**
   * Initializes a fresh datadir and starts the server.
   *
   * @throws ServerStartException when {@value #MARIADBD} is missing (install it with {@value #APT_HINT}) or the
   *                              server does not come up
   */
  public static MariaDbServer start() {
    String mariadbd = System.getProperty("cdcaudit.mariadbd", MARIADBD);
    String installDb = System.getProperty("cdcaudit.mariadbInstallDb", INSTALL_DB);
    requireInstalled(mariadbd, installDb);
    return startOnFreePorts(() -> {
      int port = Ports.freePort();
      Path dir = Workspace.root().resolve("mariadb-" + port);
      Workspace.deleteRecursively(dir);
      Path socket = dir.resolve("run").resolve("mariadbd.sock");
      if (socket.toString().length() > 100) { // sun_path holds 108 bytes
        socket = Workspace.root().getFileSystem().getPath(System.getProperty("java.io.tmpdir"),
            "cdcaudit-mariadb-" + port + ".sock");
      }
      return new MariaDbServer(port, dir, socket);
    }, server -> {
      server.install(installDb);
      server.launch(mariadbd);
    });
  }

  static void requireInstalled(String mariadbd, String installDb) {
    for (String binary : List.of(mariadbd, installDb)) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new ServerStartException(binary + " is missing: MariaDB is not installed on this machine. Run `"
            + APT_HINT + "` (as root; scripts/test does it) and run the tests again.");
      }
    }
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public int port() {
    return port;
  }

  /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}; {@code database} may be null or empty. */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://" + host() + ":" + port + "/" + (database == null ? "" : database);
  }

  /** The user for CDC readers (Maxwell, Debezium): replication rights on *.*, ALL on maxwell.*. */
  public String cdcUser() {
    return CDC_USER;
  }

  public String cdcPassword() {
    return CDC_PASSWORD;
  }

  /** The application user: all privileges (creates databases, tables, writes rows). */
  public String appUser() {
    return APP_USER;
  }

  public String appPassword() {
    return APP_PASSWORD;
  }

  /** A fresh id for this server instance (a new datadir and binlog), to tell stale CDC offsets apart. */
  public String instanceId() {
    return instanceId;
  }

  public Path logFile() {
    return log.path();
  }

  public Path dataDir() {
    return dir.resolve("data");
  }


  /** A new JDBC connection as the application user (autocommit on); {@code database} may be null. */
  public Connection connection(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), APP_USER, APP_PASSWORD);
  }

  /**
   * Runs the statements in order on one connection of the application user, with autocommit. Statement text is
   * sent as is, SQL comments included (so {@code /* actor='alice' *}{@code /} reaches the binlog annotation).
   */
  public void execute(String database, String... statements) {
    String current = null;
    try (Connection connection = connection(database); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        current = sql;
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed on " + jdbcUrl(database)
          + (current == null ? "" : " [" + current + "]") + ": " + e.getMessage(), e);
    }
  }

  /** {@code CREATE DATABASE IF NOT EXISTS name CHARACTER SET utf8mb4}; returns {@code name}. */
  public String createDatabase(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
    }
    execute(null, "CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4");
    return name;
  }

  @Override
  void release() {
    Registry.unregister(this);
    Workspace.deleteRecursively(dir);
    try {
      Files.deleteIfExists(socket);
    } catch (IOException ignored) {
      // gone with the dir
    }
  }

  private void install(String installDb) {
    boolean root = Workspace.runningAsRoot();
    try {
      Files.createDirectories(dataDir());
      Files.createDirectories(socket.getParent());
      Files.createDirectories(dir.resolve("tmp"));
      List<String> cnf = new ArrayList<>(List.of(
          "[mysqld]",
          "datadir=" + dataDir(),
          "socket=" + socket,
          "pid-file=" + dataDir().resolve("mariadbd.pid"),
          "tmpdir=" + dir.resolve("tmp"),
          "port=" + port,
          "bind-address=" + Ports.LOOPBACK,
          "skip-name-resolve",
          "server_id=1",
          "log_bin=mysql-bin",
          "binlog_format=ROW",
          "binlog_row_image=FULL",
          "binlog_annotate_row_events=ON",
          "character-set-server=utf8mb4",
          "old_mode=",
          "default_time_zone=+00:00",
          "innodb_buffer_pool_size=64M",
          "innodb_log_file_size=16M",
          "performance_schema=OFF",
          "max_connections=200",
          "init_file=" + dir.resolve("init.sql")));
      if (root) {
        cnf.add(1, "user=mysql");
      }
      Files.write(dir.resolve("my.cnf"), cnf, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("init.sql"), String.join("\n",
          "CREATE USER IF NOT EXISTS '" + CDC_USER + "'@'%' IDENTIFIED BY '" + CDC_PASSWORD + "';",
          "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '"
              + CDC_USER + "'@'%';",
          "GRANT ALL PRIVILEGES ON maxwell.* TO '" + CDC_USER + "'@'%';",
          "CREATE USER IF NOT EXISTS '" + APP_USER + "'@'%' IDENTIFIED BY '" + APP_PASSWORD + "';",
          "GRANT ALL PRIVILEGES ON *.* TO '" + APP_USER + "'@'%' WITH GRANT OPTION;",
          ""), StandardCharsets.UTF_8);
      if (root) {
        Workspace.chownRecursively(dir, "mysql", "mysql");
        if (!socket.startsWith(dir)) {
          Files.deleteIfExists(socket);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the MariaDB datadir " + dir, e);
    }
    ChildProcess install = ChildProcess.start("mariadb-install-db (port " + port + ")",
        List.of(installDb, "--defaults-file=" + dir.resolve("my.cnf"), "--skip-test-db"),
        dir, Map.of("TZ", "UTC"), log, null);
    install.awaitSuccess(Duration.ofSeconds(120));
  }

  @Override
  synchronized void launch() {
    launch(System.getProperty("cdcaudit.mariadbd", MARIADBD));
  }

  private synchronized void launch(String mariadbd) {
    ChildProcess child = ChildProcess.start("MariaDB 127.0.0.1:" + port,
        List.of(mariadbd, "--defaults-file=" + dir.resolve("my.cnf")), dir, Map.of("TZ", "UTC"), log, null);
    attach(child);
    Registry.register(this);
    try {
      child.awaitReady("'" + READY_LINE + "' and a login of user " + APP_USER + " on port " + port,
          START_TIMEOUT, () -> child.logSinceStart().found(l -> l.contains(READY_LINE)) && canLogIn());
    } catch (RuntimeException e) {
      child.kill();
      detach();
      throw e;
    }
  }

  private boolean canLogIn() {
    try (Connection connection = connection(null)) {
      return connection.isValid(5);
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("Access denied")) {
        throw new ServerStartException("MariaDB on port " + port + " is up, but user " + APP_USER
            + " cannot log in (did " + dir.resolve("init.sql") + " run?): " + e.getMessage()
            + process().logExcerpt());
      }
      return false;
    }
  }

  @Override
  public String toString() {
    return "MariaDbServer[" + host() + ":" + port + "]";
  }
}
