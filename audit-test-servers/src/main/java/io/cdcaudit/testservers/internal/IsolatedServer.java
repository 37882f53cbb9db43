package io.cdcaudit.testservers.internal;

import io.cdcaudit.testservers.ServerStartException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A server library run inside the test JVM, in a class loader of its own: the classpath resolved from
 * {@code servers/<name>/pom.xml} plus this module's classes, with the platform class loader as parent, so none of
 * its libraries meets the test's (mongo-java-server's Netty 4.2 beside the Cassandra driver's 4.1, ElasticMQ's Scala
 * and Pekko). Quick to start (no JVM to boot) and gone with the test JVM.
 *
 * <p>A runner class of {@code io.cdcaudit.testservers.runner} starts the server: {@code static start(String host,
 * int port)} returns something both {@link AutoCloseable} (stop) and {@link IntSupplier} (the bound port), the JDK
 * types both class loaders share. The server logs through its own SLF4J into {@code <workspace>/<name>-in-process.log}
 * (one file per test JVM, rewritten by the next).
 */
public final class IsolatedServer implements AutoCloseable {

  /** One class loader per server classpath and JVM: classes load once, however many servers start. */
  private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

  private final String description;
  private final AutoCloseable server;
  private final int port;

  private IsolatedServer(String description, AutoCloseable server, int port) {
    this.description = description;
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server of {@code runnerClass} on a free loopback port.
   *
   * @param name the server classpath, {@code servers/<name>/pom.xml}
   * @param description what it is, for messages ({@code "MongoDB stand-in"})
   */
  public static IsolatedServer start(String name, String description, String runnerClass) {
    long started = System.nanoTime();
    ClassLoader loader = LOADERS.computeIfAbsent(name, IsolatedServer::newLoader);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Pekko, Typesafe Config and SLF4J Simple look up their configuration through the context class loader.
    thread.setContextClassLoader(loader);
    try {
      Object server = Class.forName(runnerClass, true, loader).getMethod("start", String.class, int.class)
          .invoke(null, Ports.LOOPBACK, 0);
      int port = ((IntSupplier) server).getAsInt();
      System.err.printf("[cdc-audit test servers] %s ready in %.1f s on %s:%d (in this JVM, log %s)%n", description,
          (System.nanoTime() - started) / 1e9, Ports.LOOPBACK, port, logFile(name));
      return new IsolatedServer(description, (AutoCloseable) server, port);
    } catch (InvocationTargetException e) {
      throw new ServerStartException("cannot start the " + description + ": " + e.getCause()
          + ". Log " + logFile(name), e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new ServerStartException("cannot start the " + description + " through " + runnerClass + ": " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The loopback port it listens on. */
  public int port() {
    return port;
  }

  /** Stops it; what it held is gone. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (Exception e) {
      System.err.println("[cdc-audit test servers] stopping the " + description + " failed: " + e);
    }
  }

  private static ClassLoader newLoader(String name) {
    List<URL> urls = new ArrayList<>();
    urls.add(url(loggingConfig(name)));
    urls.add(url(JavaCommand.ownClasses()));
    for (Path jar : ServerClasspath.resolve(name)) {
      urls.add(url(jar));
    }
    return new URLClassLoader("cdc-audit " + name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** A directory holding the {@code simplelogger.properties} that sends the server's log to its file. */
  private static Path loggingConfig(String name) {
    Path dir = Workspace.createDirectories(Workspace.root().resolve(name + "-in-process-config"));
    String properties = String.join("\n",
        "org.slf4j.simpleLogger.logFile=" + logFile(name).toString().replace("\\", "\\\\"),
        "org.slf4j.simpleLogger.defaultLogLevel=info",
        "org.slf4j.simpleLogger.showDateTime=true",
        "org.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
        "");
    try {
      Files.writeString(dir.resolve("simplelogger.properties"), properties, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the logging configuration of " + name + " in " + dir, e);
    }
    return dir;
  }

  private static Path logFile(String name) {
    return Workspace.root().resolve(name + "-in-process.log");
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("not a URL: " + path, e);
    }
  }

  @Override
  public String toString() {
    return description + "[" + Ports.LOOPBACK + ":" + port + ", in this JVM]";
  }
}
