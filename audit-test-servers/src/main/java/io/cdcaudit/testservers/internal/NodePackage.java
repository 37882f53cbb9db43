package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Node.js server pinned by {@code servers/<name>/package.json} and its {@code package-lock.json}, installed into
 * {@code servers/<name>/node_modules} by {@code npm ci} ({@value #ENSURE_TOOLS} does it), and run with the
 * {@code node} of the {@code PATH} (or the one named by the system property {@value #NODE_PROPERTY}), under
 * {@code servers/}{@value #EXIT_WITH_PARENT}.
 */
public final class NodePackage {

  /** The script that installs Node.js and every server package when they are missing; run from the repository root. */
  public static final String ENSURE_TOOLS = "scripts/lib/ensure-tools";
  /** Names the {@code node} executable to use instead of the one on the {@code PATH}. */
  public static final String NODE_PROPERTY = "cdcaudit.node";
  /** The preload in {@code servers/} that makes a Node.js server exit when the test JVM is gone. */
  public static final String EXIT_WITH_PARENT = "exit-with-parent.js";

  private final String name;
  private final String node;
  private final Path dir;

  private NodePackage(String name, String node, Path dir) {
    this.name = name;
    this.node = node;
    this.dir = dir;
  }

  /**
   * The package {@code servers/<name>}; checks that {@code node} and {@code node_modules/<script>} are there.
   *
   * @throws ServerStartException naming the command that installs what is missing
   */
  public static NodePackage require(String name, String script) {
    String node = findNode();
    NodePackage found = new NodePackage(name, node, ModuleDir.get().resolve("servers").resolve(name));
    if (!Files.isRegularFile(found.installed(script))) {
      throw new ServerStartException(found.installed(script) + " is missing: the npm package of " + name
          + " is not installed. Run `" + npmHint(name) + "` from the repository root (" + ENSURE_TOOLS
          + " does it) and run the tests again.");
    }
    return found;
  }

  /** The command that installs the pinned package: {@code npm ci --prefix audit-test-servers/servers/<name> ...}. */
  public static String npmHint(String name) {
    return "npm ci --prefix " + ModuleDir.MODULE_NAME + "/servers/" + name;
  }

  /** {@code servers/<name>}: the directory of {@code package.json}. */
  public Path dir() {
    return dir;
  }

  /** A file of the installed packages: {@code servers/<name>/node_modules/<relative>}. */
  public Path installed(String relative) {
    return dir.resolve("node_modules").resolve(relative);
  }

  /**
   * {@code node -r servers/exit-with-parent.js <nodeOptions...> node_modules/<script> <args...>}: the preloaded
   * {@value #EXIT_WITH_PARENT} ends the server when its stdin (a pipe {@link ChildProcess} holds) closes, so the
   * server dies with the test JVM.
   */
  public List<String> command(List<String> nodeOptions, String script, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(node);
    command.add("-r");
    command.add(dir.resolveSibling(EXIT_WITH_PARENT).toString());
    command.addAll(nodeOptions);
    command.add(installed(script).toString());
    command.addAll(args);
    return command;
  }

  private static String findNode() {
    String configured = System.getProperty(NODE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      if (Files.isExecutable(Path.of(configured))) {
        return configured;
      }
      throw new ServerStartException(NODE_PROPERTY + "=" + configured + " is not an executable file.");
    }
    return findNodeOn(System.getenv("PATH"));
  }

  /** The first {@code node} on this {@code PATH}; else a {@link ServerStartException} naming {@value #ENSURE_TOOLS}. */
  public static String findNodeOn(String path) {
    for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "node"))) {
        return Path.of(entry, "node").toString();
      }
    }
    throw new ServerStartException("node is missing: Node.js is not installed on this machine (no node on the PATH "
        + path + "). Run `" + ENSURE_TOOLS + "` from the repository root (as root: it installs Debian's nodejs and npm"
        + " and the server packages; scripts/test does it) and run the tests again.");
  }

  @Override
  public String toString() {
    return "NodePackage[" + name + " in " + dir + "]";
  }
}
