package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maxwell 1.22.6 tests every value with {@code instanceof jdk.nashorn.api.scripting.ScriptObjectMirror}; Nashorn is
 * gone from JDK 15 on, so on JDK 17 it dies with NoClassDefFoundError unless an (empty) class of that name is on its
 * classpath. This writes the source into {@code target/server-classpaths/maxwell-shim/} and compiles it with the
 * JDK's compiler, once.
 */
public final class MaxwellShim {

  private static final String SOURCE = """
      package jdk.nashorn.api.scripting;

      /** Empty stand-in for the Nashorn class Maxwell 1.22.6 checks values against (generated, not committed). */
      public class ScriptObjectMirror {
      }
      """;

  private MaxwellShim() {
  }

  /** The directory to put on Maxwell's classpath. */
  @SuppressWarnings("try") // the lock is held, not used
  public static synchronized Path classesDir() {
    Path base = Workspace.createDirectories(ModuleDir.target().resolve("server-classpaths").resolve("maxwell-shim"));
    Path classes = base.resolve("classes");
    Path compiled = classes.resolve("jdk/nashorn/api/scripting/ScriptObjectMirror.class");
    try (FileChannel channel = FileChannel.open(base.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      if (Files.isRegularFile(compiled)) {
        return classes;
      }
      Path source = base.resolve("src/jdk/nashorn/api/scripting/ScriptObjectMirror.java");
      Files.createDirectories(source.getParent());
      Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
      Files.createDirectories(classes);
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      if (compiler == null) {
        throw new ServerStartException("Maxwell needs a compiled stub class, and this JVM has no compiler"
            + " (javax.tools): run the tests on a JDK, not a JRE");
      }
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int code = compiler.run(null, errors, errors, "-d", classes.toString(), source.toString());
      if (code != 0 || !Files.isRegularFile(compiled)) {
        throw new ServerStartException("compiling " + source + " failed: " + errors.toString(StandardCharsets.UTF_8));
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Maxwell shim in " + base, e);
    }
  }
}
