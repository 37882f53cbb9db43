package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The runtime classpath of a child server, resolved from the standalone pom {@code servers/<name>/pom.xml} of this
 * module by running {@code mvn -q -B -f <pom> dependency:build-classpath}, and cached in
 * {@code target/server-classpaths/<name>.txt}. The cache is used while it is newer than the pom and every jar in it
 * exists. A file lock keeps parallel test JVMs from resolving the same classpath at once.
 */
public final class ServerClasspath {

  private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(20);

  private ServerClasspath() {
  }

  @SuppressWarnings("try") // the lock is held, not used
  public static synchronized List<Path> resolve(String name) {
    Path pom = ModuleDir.get().resolve("servers").resolve(name).resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      throw new ServerStartException("no pom for server " + name + ": " + pom);
    }
    Path dir = Workspace.createDirectories(ModuleDir.target().resolve("server-classpaths"));
    Path cache = dir.resolve(name + ".txt");
    try (FileChannel channel = FileChannel.open(dir.resolve(name + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      List<Path> cached = readIfFresh(cache, pom);
      if (cached != null) {
        return cached;
      }
      resolveWithMaven(name, pom, cache, dir);
      List<Path> resolved = readIfFresh(cache, pom);
      if (resolved == null) {
        throw new ServerStartException("Maven resolved the classpath of " + name + " into " + cache
            + ", but it is empty or names missing files");
      }
      return resolved;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock or read " + cache, e);
    }
  }

  private static List<Path> readIfFresh(Path cache, Path pom) throws IOException {
    if (!Files.isRegularFile(cache)
        || Files.getLastModifiedTime(pom).compareTo(Files.getLastModifiedTime(cache)) > 0) {
      return null;
    }
    String text = Files.readString(cache, StandardCharsets.UTF_8).trim();
    if (text.isEmpty()) {
      return null;
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : text.split(File.pathSeparator)) {
      Path jar = Path.of(entry.trim());
      if (!Files.exists(jar)) {
        return null; // the local repository was cleaned: resolve again
      }
      jars.add(jar);
    }
    return List.copyOf(jars);
  }

  private static void resolveWithMaven(String name, Path pom, Path cache, Path dir) throws IOException {
    Path output = dir.resolve(name + ".txt.tmp");
    Files.deleteIfExists(output);
    List<String> command = new ArrayList<>(List.of(maven(), "-q", "-B", "-f", pom.toString(),
        "dependency:build-classpath", "-Dmdep.outputFile=" + output, "-Dmdep.includeScope=runtime"));
    String repoLocal = System.getProperty("maven.repo.local");
    if (repoLocal != null && !repoLocal.isBlank()) {
      command.add("-Dmaven.repo.local=" + repoLocal);
    }
    LogFile log = new LogFile(dir.resolve(name + "-resolve.log"));
    Files.deleteIfExists(log.path());
    long started = System.nanoTime();
    System.err.println("[cdc-audit test servers] resolving the " + name + " classpath once: " + String.join(" ", command));
    ChildProcess mvn = ChildProcess.start("mvn (classpath of " + name + ")", command, pom.getParent(),
        Map.of("JAVA_HOME", System.getProperty("java.home")), log, null);
    mvn.awaitSuccess(RESOLVE_TIMEOUT);
    if (!Files.isRegularFile(output)) {
      throw new ServerStartException("mvn wrote no classpath for " + name + "." + mvn.logExcerpt());
    }
    Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.printf("[cdc-audit test servers] resolved the %s classpath in %.1f s%n", name,
        (System.nanoTime() - started) / 1e9);
  }

  /** {@code mvn}: from system property maven.home, else env MAVEN_HOME, else on the PATH. */
  static String maven() {
    String executable = File.separatorChar == '\\' ? "mvn.cmd" : "mvn";
    for (String home : Arrays.asList(System.getProperty("maven.home"), System.getenv("MAVEN_HOME"))) {
      if (home != null && !home.isBlank() && !home.contains("${")) {
        Path candidate = Path.of(home, "bin", executable);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isBlank() && Files.isExecutable(Path.of(entry, executable))) {
          return Path.of(entry, executable).toString();
        }
      }
    }
    throw new ServerStartException("Cannot find Maven to resolve a server classpath: set -Dmaven.home"
        + " (the parent pom's Surefire passes it), MAVEN_HOME, or put mvn on the PATH");
  }
}
