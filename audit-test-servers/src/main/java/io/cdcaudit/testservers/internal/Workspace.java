package io.cdcaudit.testservers.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.stream.Stream;

/**
 * Where servers keep their logs and data: {@code target/test-servers} of the module whose tests run (the working
 * directory Surefire gives), or the directory named by the system property {@code cdcaudit.testservers.dir}.
 */
public final class Workspace {

  public static final String DIR_PROPERTY = "cdcaudit.testservers.dir";

  private Workspace() {
  }

  public static Path root() {
    String configured = System.getProperty(DIR_PROPERTY);
    Path root = configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.dir"), "target", "test-servers");
    return createDirectories(root.toAbsolutePath().normalize());
  }

  /** The log file of a server: {@code <root>/<name>-<port>.log}. */
  public static LogFile logFile(String name, int port) {
    return new LogFile(root().resolve(name + "-" + port + ".log"));
  }

  public static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Deletes a directory tree; quiet when it is already gone. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          deleteQuietly(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          deleteQuietly(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static void deleteQuietly(Path path) throws IOException {
    try {
      Files.deleteIfExists(path);
    } catch (NoSuchFileException ignored) {
      // deleted concurrently
    }
  }

  /** True when this JVM runs as the OS user root. */
  public static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** {@code chown -R user:group dir}. */
  public static void chownRecursively(Path dir, String user, String group) {
    try {
      UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal owner = lookup.lookupPrincipalByName(user);
      GroupPrincipal groupPrincipal = lookup.lookupPrincipalByGroupName(group);
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
          view.setOwner(owner);
          view.setGroup(groupPrincipal);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot chown " + dir + " to " + user + ":" + group, e);
    }
  }
}
