package io.cdcaudit.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The modules of the reactor, read from the parent pom and each module's sources, so that the
 * architecture rules need no list of modules of their own. A module is published when its pom
 * names an {@code Automatic-Module-Name}; an adapter is a published {@code audit-source-*} or
 * {@code audit-store-*} module (the in-memory store included).
 */
final class ReactorModules {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern MODULE_NAME = Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>");

  /** One module: its directory name, the packages of its main sources, its module name if published. */
  record Module(String name, Path directory, List<String> packages, Optional<String> moduleName) {

    boolean published() {
      return moduleName.isPresent();
    }

    boolean adapter() {
      return published() && (name.startsWith("audit-source-") || name.startsWith("audit-store-"));
    }

    /** The package named like the module ({@code io.cdcaudit.kafka} for audit-source-kafka). */
    String rootPackage() {
      String root = moduleName.orElseThrow();
      if (!packages.contains(root)) {
        throw new IllegalStateException(name + " is named " + root + " but has no package of that name: " + packages);
      }
      return root;
    }

    boolean hasPackageInfo(String pkg) {
      return Files.isRegularFile(sources().resolve(pkg.replace('.', '/')).resolve("package-info.java"));
    }

    private Path sources() {
      return directory.resolve("src/main/java");
    }
  }

  private final List<Module> modules;

  private ReactorModules(List<Module> modules) {
    this.modules = List.copyOf(modules);
  }

  /** The reactor this module belongs to: the parent directory of the working directory surefire sets. */
  static ReactorModules load() {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    String parentPom = read(root.resolve("pom.xml"));
    List<Module> modules = new ArrayList<>();
    Matcher m = MODULE.matcher(parentPom);
    while (m.find()) {
      Path dir = root.resolve(m.group(1).trim());
      Path pom = dir.resolve("pom.xml");
      if (!Files.isRegularFile(pom)) {
        continue; // an aggregator entry without a module of its own
      }
      Matcher named = MODULE_NAME.matcher(read(pom));
      modules.add(new Module(dir.getFileName().toString(), dir, packagesOf(dir.resolve("src/main/java")),
          named.find() ? Optional.of(named.group(1).trim()) : Optional.empty()));
    }
    if (modules.isEmpty()) {
      throw new IllegalStateException("no modules found in " + root.resolve("pom.xml"));
    }
    return new ReactorModules(modules);
  }

  List<Module> all() {
    return modules;
  }

  List<Module> published() {
    return modules.stream().filter(Module::published).toList();
  }

  List<Module> adapters() {
    return modules.stream().filter(Module::adapter).toList();
  }

  Module module(String name) {
    return modules.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no module " + name + " in the reactor"));
  }

  /** The packages that hold a Java source file. */
  private static List<String> packagesOf(Path sources) {
    if (!Files.isDirectory(sources)) {
      return List.of();
    }
    TreeSet<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("module-info.java"))
          .forEach(f -> packages.add(sources.relativize(f.getParent()).toString().replace('/', '.')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(packages);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
