package io.cdcaudit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every {@code ```java} block of the repository's README against the published modules,
 * so that the example a newcomer pastes compiles as it stands.
 */
@DisplayName("The README's Java examples compile as they stand")
class ReadmeExamplesTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
  private static final Pattern PUBLIC_TYPE = Pattern.compile("(?m)^public (?:final )?(?:class|interface|record) (\\w+)");

  @TempDir
  Path work;

  static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  @DisplayName("every java block of README.md is a compilation unit that compiles")
  void readmeCompiles() throws IOException {
    Path readme = Path.of(System.getProperty("user.dir")).getParent().resolve("README.md");
    List<String> blocks = javaBlocks(Files.readString(readme, StandardCharsets.UTF_8));
    assertThat(blocks).as("java blocks in " + readme).isNotEmpty();

    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Matcher type = PUBLIC_TYPE.matcher(blocks.get(i));
      assertThat(type.find()).as("block %d declares a public type, so that it can be pasted as a file", i + 1).isTrue();
      Path dir = Files.createDirectories(work.resolve("src" + i));
      sources.add(Files.writeString(dir.resolve(type.group(1) + ".java"), blocks.get(i)));
    }
    // Surefire puts the test class path in this property (java.class.path may be a manifest-only jar).
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    boolean compiled;
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      compiled = compiler.getTask(output, files, diagnostics,
          List.of("-classpath", classPath, "-d", Files.createDirectories(work.resolve("classes")).toString(),
              "--release", "17", "-Xlint:all", "-proc:none"),
          null, files.getJavaFileObjectsFromPaths(sources)).call();
    }
    StringBuilder report = new StringBuilder();
    diagnostics.getDiagnostics().forEach(d -> report.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
    assertThat(compiled).as("README examples compile:\n" + report + output).isTrue();
    assertThat(diagnostics.getDiagnostics()).as("warnings:\n" + report).isEmpty();
  }

  @Test
  @DisplayName("finds the java blocks of a markdown text, and only those")
  void extraction() {
    String markdown = "text\n```java\nclass A {}\n```\n```xml\n<a/>\n```\n```java\nclass B {}\n```\n";
    assertThat(javaBlocks(markdown)).containsExactly("class A {}\n", "class B {}\n");
  }
}
