package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code audit-test-servers} module directory (it holds {@code servers/<name>/pom.xml}), in this order:
 * <ol>
 *   <li>system property {@code cdcaudit.testservers.moduleDir};</li>
 *   <li>system property {@code cdcaudit.projectRoot} (the reactor root; the parent pom's Surefire passes it), then
 *       {@code <root>/audit-test-servers};</li>
 *   <li>the location this class was loaded from ({@code <module>/target/classes} or {@code <module>/target/*.jar});</li>
 *   <li>the working directory and its parents, each also as {@code <dir>/audit-test-servers}.</li>
 * </ol>
 */
public final class ModuleDir {

  public static final String MODULE_NAME = "audit-test-servers";

  private static volatile Path found;

  private ModuleDir() {
  }

  public static Path get() {
    Path result = found;
    if (result == null) {
      result = find();
      found = result;
    }
    return result;
  }

  /** {@code <module>/target}, created when missing. */
  public static Path target() {
    return Workspace.createDirectories(get().resolve("target"));
  }

  private static Path find() {
    Set<Path> candidates = new LinkedHashSet<>();
    String explicit = System.getProperty("cdcaudit.testservers.moduleDir");
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(Path.of(explicit));
    }
    String root = System.getProperty("cdcaudit.projectRoot");
    if (root != null && !root.isBlank()) {
      candidates.add(Path.of(root, MODULE_NAME));
      candidates.add(Path.of(root));
    }
    Path codeSource = codeSource();
    if (codeSource != null) {
      for (Path p = codeSource; p != null; p = p.getParent()) {
        candidates.add(p);
      }
    }
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      candidates.add(p.resolve(MODULE_NAME));
      candidates.add(p);
    }
    List<Path> tried = new ArrayList<>();
    for (Path candidate : candidates) {
      Path dir = candidate.toAbsolutePath().normalize();
      tried.add(dir);
      if (Files.isRegularFile(dir.resolve("servers").resolve("kafka").resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new ServerStartException("Cannot find the " + MODULE_NAME + " module directory (the one holding"
        + " servers/kafka/pom.xml). Set -Dcdcaudit.projectRoot=<reactor root> or"
        + " -Dcdcaudit.testservers.moduleDir=<dir>. Tried: " + tried);
  }

  private static Path codeSource() {
    try {
      var source = ModuleDir.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
