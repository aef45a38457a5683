package cn.marketplace.onboarding.testsupport.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one node and the SMTP server, to break mail the ways production breaks it:
 * {@link Mode#PASS} relays; {@link Mode#DOWN} refuses every connection (SMTP down);
 * {@link Mode#HOLD_MATCHING} relays until a mail's text contains one of the markers, then forwards nothing
 * more of that connection, so the node hangs inside that send the way it does on a stalled
 * server, and the SMTP server never receives the end of that mail.
 */
public final class SmtpRelay implements AutoCloseable {

  public enum Mode { PASS, DOWN, HOLD_MATCHING }

  private final ServerSocket listener;
  private final int upstreamPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> held = new ConcurrentHashMap<>();
  private volatile Mode mode = Mode.PASS;
  private volatile List<String> holdMarkers = List.of();

  public SmtpRelay(int upstreamPort) {
    this.upstreamPort = upstreamPort;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptForever, "smtp-relay-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void pass() {
    mode = Mode.PASS;
  }

  public void down() {
    mode = Mode.DOWN;
  }

  /** Holds every mail whose text contains one of {@code markers} (e.g. a header value), from now on. */
  public void holdMailsContaining(String... markers) {
    holdMarkers = List.of(markers);
    mode = Mode.HOLD_MATCHING;
  }

  /** How many mails are held now. */
  public int held() {
    return held.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many mails containing {@code marker} are held now. */
  public int held(String marker) {
    return held.getOrDefault(marker, 0);
  }

  /** Drops every connection, held ones included, and relays again. */
  public void reset() {
    mode = Mode.PASS;
    closeConnections();
    held.clear();
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
        if (mode == Mode.DOWN) {
          client.close();
          continue;
        }
        Socket server = new Socket();
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
        sockets.add(client);
        sockets.add(server);
        List<String> markers = mode == Mode.HOLD_MATCHING ? holdMarkers : List.of();
        pump(client.getInputStream(), server.getOutputStream(), markers);
        pump(server.getInputStream(), client.getOutputStream(), List.of());
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(InputStream from, OutputStream to, List<String> holdMarkers) {
    int longest = holdMarkers.stream().mapToInt(String::length).max().orElse(0);
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      // the end of what came before, so a marker split between two reads is still seen
      String tail = "";
      try {
        int read;
        while ((read = from.read(buffer)) >= 0) {
          if (!holdMarkers.isEmpty()) {
            String seen = tail + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
            for (String marker : holdMarkers) {
              if (seen.contains(marker)) {
                // swallow the rest and keep both connections open: the sender waits for an answer
                held.merge(marker, 1, Integer::sum);
                from.transferTo(OutputStream.nullOutputStream());
                return;
              }
            }
            tail = seen.substring(Math.max(0, seen.length() - longest));
          }
          to.write(buffer, 0, read);
          to.flush();
        }
        to.close();
      } catch (IOException e) {
        // either side went away
      }
    }, "smtp-relay-pump");
    thread.setDaemon(true);
    thread.start();
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
}
