package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds the {@code java} launcher of a given Java feature release for a child JVM, for servers that run on one
 * release only (Cassandra 5.0 runs on 11 and 17, and dies on 25). Looks, in this order, at
 * <ol>
 *   <li>the system property {@code cdcaudit.testservers.jdk<N>} (a JDK home),</li>
 *   <li>the environment variable {@code JAVA<N>_HOME},</li>
 *   <li>this JVM's own home, when it is release N,</li>
 *   <li>every JDK under {@code /usr/lib/jvm} (its {@code release} file says which release it is).</li>
 * </ol>
 */
public final class JdkHomes {

  private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

  private JdkHomes() {
  }

  /** The {@code bin/java} of a JDK or JRE of feature release {@code feature}. */
  public static Path java(int feature) {
    List<String> tried = new ArrayList<>();
    String property = System.getProperty("cdcaudit.testservers.jdk" + feature);
    String env = System.getenv("JAVA" + feature + "_HOME");
    for (String configured : new String[] {property, env}) {
      if (configured != null && !configured.isBlank()) {
        Path java = launcher(Path.of(configured));
        tried.add(configured);
        if (java != null && feature(Path.of(configured)) == feature) {
          return java;
        }
      }
    }
    Path own = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() == feature && launcher(own) != null) {
      return launcher(own);
    }
    tried.add(own + " (release " + Runtime.version().feature() + ")");
    if (Files.isDirectory(JVM_DIR)) {
      try (DirectoryStream<Path> homes = Files.newDirectoryStream(JVM_DIR)) {
        List<Path> sorted = new ArrayList<>();
        homes.forEach(sorted::add);
        sorted.sort(null);
        for (Path home : sorted) {
          tried.add(home.toString());
          if (launcher(home) != null && feature(home) == feature) {
            return launcher(home);
          }
        }
      } catch (IOException e) {
        tried.add(JVM_DIR + " (" + e.getMessage() + ")");
      }
    }
    throw new ServerStartException("No Java " + feature + " found for a child JVM. Set -Dcdcaudit.testservers.jdk"
        + feature + "=<JDK home> or JAVA" + feature + "_HOME. Tried: " + tried);
  }

  private static Path launcher(Path home) {
    Path java = home.resolve("bin").resolve("java");
    return Files.isExecutable(java) ? java : null;
  }

  /** The feature release a JDK home declares in its {@code release} file (JAVA_VERSION="17.0.15"), or -1. */
  static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return -1;
    }
    try (var in = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
      String first = version.split("[.+-]")[0];
      int major = Integer.parseInt(first);
      // "1.8.0_x" style
      return major == 1 && version.length() > 2 ? Integer.parseInt(version.split("\\.")[1]) : major;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
