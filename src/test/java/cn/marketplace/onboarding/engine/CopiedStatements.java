package cn.marketplace.onboarding.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MyBatis statements we copied from Camunda's jars, read from the classpath to guard the copies. */
final class CopiedStatements {

  private CopiedStatements() {}

  static String resource(String path) throws IOException {
    try (InputStream in = CopiedStatements.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The element {@code <tag id="id">…</tag>} of a mapper, as written. */
  static String element(String xml, String tag, String id) {
    Matcher element = Pattern.compile("<" + tag + " id=\"" + Pattern.quote(id) + "\"[ >].*?</" + tag + ">",
        Pattern.DOTALL).matcher(xml);
    assertThat(element.find()).as("<%s id=\"%s\">", tag, id).isTrue();
    return element.group();
  }

  static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
