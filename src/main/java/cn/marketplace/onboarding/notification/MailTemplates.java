package cn.marketplace.onboarding.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.util.PropertyPlaceholderHelper;

/**
 * Mail templates in zh-CN and en: {@code mail/<template>.<language>.txt}, a {@code Subject:} line,
 * a blank line, then the body; {@code ${name}} placeholders ({@code ${name:default}} when optional).
 * Mails are plain text, so values need no escaping.
 */
@Component
public class MailTemplates {

  private static final String SUBJECT = "Subject:";

  private final PropertyPlaceholderHelper placeholders = new PropertyPlaceholderHelper("${", "}", ":", null, false);
  private final Map<String, String> sources = new ConcurrentHashMap<>();

  public MailTemplate render(String template, String language, Map<String, ?> model) {
    String source = sources.computeIfAbsent(template + "." + language(language), MailTemplates::load);
    Properties values = new Properties();
    model.forEach((name, value) -> {
      if (value != null) {
        values.setProperty(name, value.toString());
      }
    });
    String text = placeholders.replacePlaceholders(source, values);
    int end = text.indexOf('\n');
    if (!text.startsWith(SUBJECT) || end < 0) {
      throw new IllegalStateException("mail template " + template + " does not start with a Subject line");
    }
    return new MailTemplate(text.substring(SUBJECT.length(), end).strip(), text.substring(end + 1).strip() + "\n");
  }

  private static String language(String language) {
    return "zh-CN".equals(language) ? "zh-CN" : "en";
  }

  private static String load(String name) {
    ClassPathResource resource = new ClassPathResource("mail/" + name + ".txt");
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("no mail template " + name, e);
    }
  }
}
