package io.cdcaudit.testservers.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports: bind port 0, read it, release it. Never hands out the same port twice in one JVM. */
public final class Ports {

  public static final String LOOPBACK = "127.0.0.1";

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {
  }

  public static InetAddress loopback() {
    try {
      return InetAddress.getByName(LOOPBACK);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(loopback(), 0), 1);
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind a free port on " + LOOPBACK, e);
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port found in 100 attempts");
  }

  /** True when something accepts TCP connections on 127.0.0.1:port. */
  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(loopback(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
