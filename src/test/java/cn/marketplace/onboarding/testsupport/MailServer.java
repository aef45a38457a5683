package cn.marketplace.onboarding.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** One GreenMail SMTP server for the whole test JVM, on a free port, shared by every Spring context. */
public final class MailServer {

  private static GreenMail server;
  private static int stoppedPort;

  private MailServer() {}

  public static synchronized GreenMail get() {
    if (server == null) {
      server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return server;
  }

  /**
   * An SMTP outage: the server stops and its port refuses connections until {@link #restore}. Mail
   * received so far is gone with it.
   */
  public static synchronized void stop() {
    stoppedPort = port();
    server.stop();
  }

  /** The server back on the port it had, empty. */
  public static synchronized void restore() {
    server = new GreenMail(ServerSetupTest.SMTP.port(stoppedPort));
    server.start();
    stoppedPort = 0;
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }

  public static synchronized boolean running() {
    return stoppedPort == 0;
  }

  public static int port() {
    return get().getSmtp().getPort();
  }

  public static void purge() {
    try {
      get().purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every mail received so far to {@code address}. */
  public static List<MimeMessage> to(String address) {
    return Arrays.stream(get().getReceivedMessages())
        .filter(m -> {
          try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
          } catch (Exception e) {
            return false;
          }
        })
        .toList();
  }
}
