package cn.marketplace.onboarding.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * form-js's own texts on the apply page in the visitor's language, in Debian's Chromium
 * ({@code e2e/apply-page-texts.mjs}): Simplified Chinese by default, English for an English
 * browser or with {@code ?lang=en}.
 */
@OnboardingHttpTest
class ApplyPageTextsBrowserTest {

  @LocalServerPort int port;

  @Test
  void formJsSpeaksThePagesLanguage() throws Exception {
    Path chromium = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    assertThat(chromium).as("apt-get install -y chromium fonts-noto-cjk").exists();
    Path out = Files.createDirectories(Path.of("target", "e2e"));
    Path log = out.resolve("apply-page-texts.log");
    ProcessBuilder check = new ProcessBuilder("node", "e2e/apply-page-texts.mjs")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    check.environment().put("E2E_BASE_URL", "http://localhost:" + port);
    check.environment().put("CHROMIUM", chromium.toString());
    Process node = check.start();
    try {
      assertThat(node.waitFor(3, TimeUnit.MINUTES)).as("the check ends").isTrue();
    } finally {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).contains("\"passed\":true", "此项为必填项。", "Field is required.");
  }
}
