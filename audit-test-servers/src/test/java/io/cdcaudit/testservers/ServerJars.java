package io.cdcaudit.testservers;

import io.cdcaudit.testservers.internal.ServerClasspath;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Which jars a class comes from: this module's compile classpath against the classpath a server runs on. */
final class ServerJars {

  private ServerJars() {
  }

  /** The file name of the jar {@code type} was loaded from here (this module compiles its runners against it). */
  static String compiledAgainst(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file names of the jars of {@code servers/<name>/pom.xml}. */
  static List<String> runsOn(String server) {
    return ServerClasspath.resolve(server).stream().map(p -> p.getFileName().toString()).toList();
  }
}
