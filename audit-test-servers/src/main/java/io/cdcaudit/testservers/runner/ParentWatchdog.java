package io.cdcaudit.testservers.runner;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class, and exits the JVM when its standard input reaches end-of-file: the test JVM that started
 * this process holds the write end of that pipe, so this child goes away even when the test JVM is killed with
 * SIGKILL and its shutdown hooks never run. Uses the JDK only: it runs on the child's classpath.
 *
 * <p>Usage: {@code java -cp ... io.cdcaudit.testservers.runner.ParentWatchdog <main class> [args...]}
 */
public final class ParentWatchdog {

  private ParentWatchdog() {
  }

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentWatchdog <main class> [args...]");
      System.exit(2);
    }
    watchStdin();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Starts a daemon thread that exits the JVM (shutdown hooks first, halt after 15 s) at end of stdin. */
  public static void watchStdin() {
    Thread watcher = new Thread(() -> {
      try {
        byte[] buffer = new byte[256];
        while (System.in.read(buffer) >= 0) {
          // nothing is ever written; wait for end-of-file
        }
      } catch (IOException ignored) {
        // treat like end-of-file
      }
      System.err.println("[cdc-audit test servers] the parent test JVM is gone (stdin closed): exiting");
      Thread halt = new Thread(() -> {
        try {
          Thread.sleep(15_000);
        } catch (InterruptedException ignored) {
          // halt now
        }
        Runtime.getRuntime().halt(137);
      }, "parent-watchdog-halt");
      halt.setDaemon(true);
      halt.start();
      System.exit(143);
    }, "parent-watchdog");
    watcher.setDaemon(true);
    watcher.start();
  }
}
