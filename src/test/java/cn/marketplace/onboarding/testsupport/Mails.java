package cn.marketplace.onboarding.testsupport;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the mails GreenMail received. */
public final class Mails {

  private Mails() {}

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String body(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> subjects(String address) {
    return MailServer.to(address).stream().map(Mails::subject).toList();
  }

  /** The first group of {@code pattern} in the body of the last mail to {@code address} that matches. */
  public static String find(String address, String pattern) {
    Pattern compiled = Pattern.compile(pattern);
    List<MimeMessage> messages = MailServer.to(address);
    for (int i = messages.size() - 1; i >= 0; i--) {
      Matcher matcher = compiled.matcher(body(messages.get(i)));
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no mail to " + address + " matches " + pattern);
  }
}
