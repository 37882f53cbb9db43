package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process whose output goes to a {@link LogFile} (stdout and stderr appended, or stdout to a separate file),
 * registered with {@link Registry} so it never outlives this JVM. Its standard input is a pipe this JVM holds open:
 * Java children run under {@code ParentWatchdog}, which exits when that pipe closes.
 */
public final class ChildProcess {

  /** Lines of log quoted in error messages. */
  public static final int TAIL_LINES = 40;

  private final String name;
  private final Process process;
  private final LogFile log;
  private final LogFile.Scanner sinceStart;
  private final long startedNanos = System.nanoTime();

  private ChildProcess(String name, Process process, LogFile log, LogFile.Scanner sinceStart) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.sinceStart = sinceStart;
  }

  /**
   * Starts {@code command}; stdout and stderr are appended to {@code log}, or, when {@code stdoutFile} is not
   * null, stdout is appended to that file and only stderr to the log.
   */
  public static ChildProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
                                   LogFile log, Path stdoutFile) {
    Workspace.createDirectories(log.path().toAbsolutePath().getParent());
    LogFile.Scanner sinceStart = log.scanner();
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    if (stdoutFile == null) {
      builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.path().toFile()));
    } else {
      builder.redirectOutput(Redirect.appendTo(stdoutFile.toFile()))
          .redirectError(Redirect.appendTo(log.path().toFile()));
    }
    builder.redirectInput(Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ServerStartException("cannot start " + name + ": " + command.get(0) + ": " + e.getMessage(), e);
    }
    ChildProcess child = new ChildProcess(name, process, log, sinceStart);
    Registry.register(child);
    return child;
  }

  public String name() {
    return name;
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public LogFile log() {
    return log;
  }

  /** The log written since this process started. */
  public LogFile.Scanner logSinceStart() {
    return sinceStart;
  }

  /**
   * Polls {@code ready} until it is true. Throws {@link ServerStartException} (with the log's last lines) when the
   * process exits first (a {@link PortConflictException} when the log says a port was taken: {@code address already
   * in use} in any case (the JDK, Go's influxd), Node.js's {@code EADDRINUSE}, QuestDB's {@code could not bind socket}) or when {@code timeout} passes (then the process is killed).
   */
  public void awaitReady(String waitingFor, Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready.getAsBoolean()) {
        System.err.printf("[cdc-audit test servers] %s ready in %.1f s (pid %d, log %s)%n", name,
            (System.nanoTime() - startedNanos) / 1e9, process.pid(), log.path());
        return;
      }
      if (!process.isAlive()) {
        String message = name + " exited with code " + process.exitValue() + " before it was ready (waited for "
            + waitingFor + ")." + logExcerpt();
        if (sinceStart.found(ChildProcess::saysPortTaken)) {
          throw new PortConflictException(message);
        }
        throw new ServerStartException(message);
      }
      if (System.nanoTime() - deadline > 0) {
        kill();
        throw new ServerStartException(name + " did not become ready within " + timeout.toSeconds()
            + " s (waited for " + waitingFor + "); it was killed." + logExcerpt());
      }
      sleep(100);
    }
  }

  /** Waits for a one-shot command to end; throws when it fails or takes longer than {@code timeout}. */
  public void awaitSuccess(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new ServerStartException(name + " did not finish within " + timeout.toSeconds()
            + " s; it was killed." + logExcerpt());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new ServerStartException("interrupted while waiting for " + name, e);
    }
    closeStdin();
    if (process.exitValue() != 0) {
      throw new ServerStartException(name + " failed with exit code " + process.exitValue() + "." + logExcerpt());
    }
  }

  /** SIGTERM, then SIGKILL when it has not exited within {@code grace}. */
  public void stop(Duration grace) {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          System.err.println("[cdc-audit test servers] " + name + " did not stop within "
              + grace.toSeconds() + " s of SIGTERM: killing it");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kill();
  }

  /** SIGKILL (this process and any children it forked), and wait until it is gone. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeStdin();
    Registry.unregister(this);
  }

  /**
   * Closes this JVM's end of the child's stdin. Only once the child is gone: a Java child (under ParentWatchdog)
   * takes end-of-file on stdin for "the parent died" and exits.
   */
  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  public String logExcerpt() {
    return " Log " + log.path() + ", last " + TAIL_LINES + " lines:" + System.lineSeparator()
        + log.tail(TAIL_LINES);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerStartException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  /** Whether a log line says a port was taken, as the servers here word it. */
  static boolean saysPortTaken(String line) {
    return line.toLowerCase(java.util.Locale.ROOT).contains("address already in use") || line.contains("EADDRINUSE")
        || line.contains("could not bind socket");
  }
}
