package cn.marketplace.onboarding.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Mail templates in zh-CN and en: {@code mail/<template>.<language>.txt}, a {@code Subject:} line,
 * a blank line, then the body, in Mustache: {@code {{name}}} for a value the step always gives,
 * {@code {{#name}}{{.}}{{/name}}{{^name}}default{{/name}}} for an optional one.
 *
 * <p>Values are text: what a value holds ({@code ${...}}, {@code {{...}}}, markup) is written as it
 * is, never read as template. Mails are plain text, so nothing is HTML-escaped; a line break in a
 * value cannot start another header, as the subject is rendered on its own and kept on one line.
 * A template naming a value its step does not give fails to render ({@code MailTemplatesTest}
 * renders each one with its step's model).
 */
@Component
public class MailTemplates {

  private static final String SUBJECT = "Subject:";
  private static final Mustache.Compiler COMPILER = Mustache.compiler()
      .escapeHTML(false)
      .emptyStringIsFalse(true);

  private final Map<String, Compiled> templates = new ConcurrentHashMap<>();

  public MailTemplate render(String template, String language, Map<String, ?> model) {
    Compiled compiled = templates.computeIfAbsent(template + "." + language(language), MailTemplates::compile);
    Map<String, Object> values = new HashMap<>();
    model.forEach((name, value) -> {
      if (value != null) {
        values.put(name, value);
      }
    });
    String subject = compiled.subject().execute(values).replaceAll("[\\r\\n]+", " ").strip();
    return new MailTemplate(subject, compiled.body().execute(values).strip() + "\n");
  }

  private static String language(String language) {
    return "zh-CN".equals(language) ? "zh-CN" : "en";
  }

  private static Compiled compile(String name) {
    String source = load(name);
    int end = source.indexOf('\n');
    if (!source.startsWith(SUBJECT) || end < 0) {
      throw new IllegalStateException("mail template " + name + " does not start with a Subject line");
    }
    return new Compiled(COMPILER.compile(source.substring(SUBJECT.length(), end)),
        COMPILER.compile(source.substring(end + 1)));
  }

  private static String load(String name) {
    ClassPathResource resource = new ClassPathResource("mail/" + name + ".txt");
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("no mail template " + name, e);
    }
  }

  private record Compiled(Template subject, Template body) {}
}
