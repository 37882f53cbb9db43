package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.runner.ParentWatchdog;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The command line of a child JVM, run under {@link ParentWatchdog}. */
public final class JavaCommand {

  /** Flags every child JVM gets: small, quick to start (C1 only), serial GC for a 2-core machine. */
  public static final List<String> COMMON_JVM_OPTIONS = List.of(
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      "-XX:+ExitOnOutOfMemoryError",
      "-Djava.awt.headless=true",
      "-Djava.net.preferIPv4Stack=true",
      "-Dfile.encoding=UTF-8",
      "-Dsun.stdout.encoding=UTF-8",
      "-Dsun.stderr.encoding=UTF-8");

  private JavaCommand() {
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java <COMMON> <jvmOptions> -cp <this module's classes>:<extra>:<classpath> ParentWatchdog <main> <args>}.
   */
  public static List<String> build(List<String> jvmOptions, List<Path> extraClasspath, List<Path> classpath,
                                   String mainClass, List<String> args) {
    List<Path> cp = new ArrayList<>();
    cp.add(ownClasses());
    cp.addAll(extraClasspath);
    cp.addAll(classpath);
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(COMMON_JVM_OPTIONS);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(cp.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(ParentWatchdog.class.getName());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Where this module's classes are: {@code target/classes} or its jar. */
  public static Path ownClasses() {
    try {
      return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot tell where the audit-test-servers classes are", e);
    }
  }
}
