package cn.marketplace.onboarding.submission.vhd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.submission.vhd.InvalidSasUriException.Reason;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message key of the image checks exists in English and Chinese, names its rule, and renders. */
class ImageMessagesTest {

  private static final Pattern KEY_LITERAL = Pattern.compile("\"([A-Z]+(?:-[A-Z0-9]+)+\\.[a-z-]+)\"");

  private static Properties bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ImageMessagesTest.class.getResourceAsStream("/messages/" + name);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  private static Set<String> keysUsedByTheCode() throws IOException {
    Set<String> keys = new TreeSet<>();
    Path sources = Path.of("src/main/java/cn/marketplace/onboarding/submission/vhd");
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.toList()) {
        Matcher matcher = KEY_LITERAL.matcher(Files.readString(file));
        while (matcher.find()) {
          keys.add(matcher.group(1));
        }
      }
    }
    Arrays.stream(Reason.values()).map(reason -> "SAS-1." + reason.key()).forEach(keys::add);
    return keys;
  }

  @Test
  void bothLanguagesHaveTheSameKeysAndEveryKeyTheCodeUses() throws IOException {
    // the image type's messages (IMG-TYPE-2) have a bundle of their own
    Set<String> english = new TreeSet<>(bundle("image.properties").stringPropertyNames());
    english.addAll(bundle("imagetype.properties").stringPropertyNames());
    Set<String> chinese = new TreeSet<>(bundle("image_zh_CN.properties").stringPropertyNames());
    chinese.addAll(bundle("imagetype_zh_CN.properties").stringPropertyNames());

    assertThat(chinese).isEqualTo(english);
    assertThat(keysUsedByTheCode()).hasSizeGreaterThan(50);
    assertThat(english).containsAll(keysUsedByTheCode());
  }

  @Test
  void everyKeyNamesItsRuleAndRendersWithTheSubject() throws IOException {
    for (String key : bundle("image.properties").stringPropertyNames()) {
      RuleId rule = RuleId.of(key.substring(0, key.lastIndexOf('.')));
      Finding finding = Finding.fail(rule, "lun3", key, "lun3", "x", "y", "z");

      String english = RuleMessages.render(finding, RuleMessages.EN);
      String chinese = RuleMessages.render(finding, RuleMessages.ZH_CN);

      assertThat(english).as(key).startsWith("[" + rule.id() + "] lun3").doesNotContain("{");
      assertThat(chinese).as(key).startsWith("[" + rule.id() + "] lun3").doesNotContain("{").isNotEqualTo(english);
    }
  }
}
