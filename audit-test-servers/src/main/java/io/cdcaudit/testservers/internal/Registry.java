package io.cdcaudit.testservers.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Everything this JVM started, so that nothing outlives it.
 * <ul>
 *   <li>One JVM shutdown hook closes every Maxwell and Debezium still open, then every Kafka and MariaDB (each
 *       group in parallel, gracefully, at most ~25 s in all), then destroys any child process still alive.</li>
 *   <li>Each child process also gets a pid file under {@code <tmpdir>/cdcaudit-test-servers/}. When a test JVM
 *       dies without running its hooks (SIGKILL), the next JVM that starts a server kills the orphans it
 *       finds there: only processes whose recorded start time matches, whose owner JVM is gone.</li>
 *   <li>Java children additionally watch their standard input (see
 *       {@code io.cdcaudit.testservers.runner.ParentWatchdog}) and exit when this JVM is gone.</li>
 * </ul>
 */
public final class Registry {

  /** Closed first at exit: processes that write to the servers (Maxwell, Debezium). */
  private static final Set<AutoCloseable> CLIENTS = ConcurrentHashMap.newKeySet();
  /** Closed after the clients: Kafka, MariaDB, the shared MongoDB stand-in and ElasticMQ. */
  private static final Set<AutoCloseable> SERVERS = ConcurrentHashMap.newKeySet();
  private static final Set<ChildProcess> PROCESSES = ConcurrentHashMap.newKeySet();
  private static final Path PID_DIR = Path.of(System.getProperty("java.io.tmpdir"), "cdcaudit-test-servers");
  private static final ProcessHandle SELF = ProcessHandle.current();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Registry::shutdown, "cdc-audit-test-servers-shutdown"));
    killOrphans();
  }

  private Registry() {
  }

  /** A server (Kafka, MariaDB, the MongoDB stand-in, ElasticMQ) to close at JVM exit if the test did not. */
  public static void register(AutoCloseable server) {
    SERVERS.add(server);
  }

  /** A process that writes to servers (Maxwell, Debezium): closed at JVM exit before the servers. */
  public static void registerClient(AutoCloseable client) {
    CLIENTS.add(client);
  }

  public static void unregister(AutoCloseable serverOrClient) {
    SERVERS.remove(serverOrClient);
    CLIENTS.remove(serverOrClient);
  }

  static void register(ChildProcess child) {
    PROCESSES.add(child);
    writePidFile(child.process().toHandle(), child.name());
    child.process().onExit().thenRun(() -> unregister(child));
  }

  static void unregister(ChildProcess child) {
    PROCESSES.remove(child);
    try {
      Files.deleteIfExists(PID_DIR.resolve(child.process().pid() + ".pid"));
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void shutdown() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
    closeAll(CLIENTS, deadline - TimeUnit.SECONDS.toNanos(10));
    closeAll(SERVERS, deadline);
    for (ChildProcess child : List.copyOf(PROCESSES)) {
      child.process().destroyForcibly();
      unregister(child);
    }
  }

  /** Closes them all in parallel, waiting at most until {@code deadline}. */
  private static void closeAll(Set<AutoCloseable> closeables, long deadline) {
    List<Thread> closers = new ArrayList<>();
    for (AutoCloseable server : List.copyOf(closeables)) {
      Thread closer = new Thread(() -> {
        try {
          server.close();
        } catch (Exception e) {
          System.err.println("[cdc-audit test servers] closing " + server + " failed: " + e);
        }
      }, "close " + server);
      closer.setDaemon(true);
      closer.start();
      closers.add(closer);
    }
    for (Thread closer : closers) {
      try {
        closer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  private static void writePidFile(ProcessHandle child, String name) {
    try {
      Files.createDirectories(PID_DIR);
      Properties p = new Properties();
      p.setProperty("name", name);
      p.setProperty("pid", Long.toString(child.pid()));
      startMillis(child).ifPresent(ms -> p.setProperty("started", Long.toString(ms)));
      p.setProperty("owner", Long.toString(SELF.pid()));
      startMillis(SELF).ifPresent(ms -> p.setProperty("ownerStarted", Long.toString(ms)));
      Path file = PID_DIR.resolve(child.pid() + ".pid");
      try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(out, "a child process started by cdc-audit test servers");
      }
    } catch (IOException | RuntimeException ignored) {
      // the pid file is a safety net only
    }
  }

  private static void killOrphans() {
    if (!Files.isDirectory(PID_DIR)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(PID_DIR, "*.pid")) {
      for (Path file : files) {
        killIfOrphan(file);
      }
    } catch (IOException | RuntimeException ignored) {
      // best effort
    }
  }

  private static void killIfOrphan(Path file) throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    if (isAlive(p.getProperty("owner"), p.getProperty("ownerStarted"))) {
      return; // another live test JVM owns it
    }
    Optional<ProcessHandle> child = matching(p.getProperty("pid"), p.getProperty("started"));
    if (child.isPresent() && child.get().isAlive()) {
      System.err.println("[cdc-audit test servers] killing orphan " + p.getProperty("name")
          + " (pid " + child.get().pid() + ") left behind by a test JVM that is gone");
      child.get().destroyForcibly();
    }
    Files.deleteIfExists(file);
  }

  private static boolean isAlive(String pid, String started) {
    return matching(pid, started).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The process with this pid, only when its start time is the recorded one (pids are reused). */
  private static Optional<ProcessHandle> matching(String pid, String started) {
    if (pid == null || started == null) {
      return Optional.empty();
    }
    try {
      Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
      return handle.filter(h -> startMillis(h).map(ms -> ms == Long.parseLong(started)).orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> startMillis(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toEpochMilli);
  }
}
