package io.cdcaudit.testservers.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;

/**
 * The JDK's own NIO {@link SelectorProvider}, except that a server socket channel bound to the wildcard address
 * ({@code 0.0.0.0}, {@code ::} or none) is bound to {@code 127.0.0.1} instead. For a child server that opens a
 * listener without an address setting (S3Mock's extra HTTP connector). Uses the JDK only: it runs on the child's
 * classpath.
 *
 * <p>Usage: {@code -Djava.nio.channels.spi.SelectorProvider=io.cdcaudit.testservers.runner.LoopbackSelectorProvider
 * --add-exports=java.base/sun.nio.ch=ALL-UNNAMED} (the JDK's default provider is {@code sun.nio.ch}'s). Only
 * {@link ServerSocketChannel#bind} is rewritten, not a bind through its {@link ServerSocketChannel#socket()} adaptor.
 */
public final class LoopbackSelectorProvider extends SelectorProvider {

  private final SelectorProvider jdk;

  /** Looks up the JDK's default provider; called by {@link SelectorProvider#provider()}. */
  public LoopbackSelectorProvider() {
    try {
      jdk = (SelectorProvider) Class.forName("sun.nio.ch.DefaultSelectorProvider").getMethod("get").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the JDK's default SelectorProvider"
          + " (needs --add-exports=java.base/sun.nio.ch=ALL-UNNAMED)", e);
    }
  }

  @Override
  public DatagramChannel openDatagramChannel() throws IOException {
    return jdk.openDatagramChannel();
  }

  @Override
  public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
    return jdk.openDatagramChannel(family);
  }

  @Override
  public Pipe openPipe() throws IOException {
    return jdk.openPipe();
  }

  @Override
  public AbstractSelector openSelector() throws IOException {
    return jdk.openSelector();
  }

  @Override
  public ServerSocketChannel openServerSocketChannel() throws IOException {
    return new LoopbackServerSocketChannel(this, jdk.openServerSocketChannel());
  }

  @Override
  public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
    return new LoopbackServerSocketChannel(this, jdk.openServerSocketChannel(family));
  }

  @Override
  public SocketChannel openSocketChannel() throws IOException {
    return jdk.openSocketChannel();
  }

  @Override
  public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
    return jdk.openSocketChannel(family);
  }

  @Override
  public Channel inheritedChannel() throws IOException {
    return jdk.inheritedChannel();
  }

  /** Delegates to the JDK's channel; binds a wildcard or missing address to 127.0.0.1. */
  private static final class LoopbackServerSocketChannel extends ServerSocketChannel {

    private final ServerSocketChannel channel;

    LoopbackServerSocketChannel(SelectorProvider provider, ServerSocketChannel channel) {
      super(provider);
      this.channel = channel;
    }

    @Override
    public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
      channel.bind(loopback(local), backlog);
      return this;
    }

    private static SocketAddress loopback(SocketAddress local) throws IOException {
      if (local == null) {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
      }
      if (local instanceof InetSocketAddress inet && (inet.getAddress() == null || inet.getAddress().isAnyLocalAddress())) {
        return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), inet.getPort());
      }
      return local;
    }

    @Override
    public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
      channel.setOption(name, value);
      return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
      return channel.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
      return channel.supportedOptions();
    }

    @Override
    public ServerSocket socket() {
      return channel.socket();
    }

    @Override
    public SocketChannel accept() throws IOException {
      return channel.accept();
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
      return channel.getLocalAddress();
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
      channel.close();
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
      channel.configureBlocking(block);
    }
  }
}
