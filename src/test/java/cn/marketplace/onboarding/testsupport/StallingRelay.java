package cn.marketplace.onboarding.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay to a server that can fall silent, the way a VM behind a failing network or
 * a hung hypervisor does: {@link #stall()} stops forwarding in both directions, on open connections
 * too, and new connections are accepted but hear nothing (nothing is refused or closed);
 * {@link #resume()} drops the stalled connections and relays again.
 */
public final class StallingRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean stalled;

  public StallingRelay(int targetPort) {
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon(this::acceptForever, "stalling-relay-" + port());
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void stall() {
    stalled = true;
  }

  public void resume() {
    stalled = false;
    closeConnections();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    closeConnections();
  }

  private void acceptForever() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        if (stalled) {
          continue;
        }
        Socket server = new Socket();
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
        sockets.add(server);
        pump(client.getInputStream(), server.getOutputStream());
        pump(server.getInputStream(), client.getOutputStream());
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(InputStream from, OutputStream to) {
    daemon(() -> {
      byte[] buffer = new byte[8192];
      try {
        int read;
        while ((read = from.read(buffer)) >= 0) {
          // once stalled, what arrives is swallowed and the connection stays open
          if (!stalled) {
            to.write(buffer, 0, read);
            to.flush();
          }
        }
        to.close();
      } catch (IOException e) {
        // either side went away
      }
    }, "stalling-relay-pump");
  }

  private void closeConnections() {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    sockets.clear();
  }

  private static void daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }
}
