package cn.marketplace.onboarding.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

  private final MailTemplates templates = new MailTemplates();

  @Test
  void everyTemplateExistsInBothLanguagesWithASubject() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/mail"))) {
      var names = files.map(p -> p.getFileName().toString()).toList();
      var templateNames = names.stream().map(n -> n.substring(0, n.indexOf('.'))).distinct().toList();
      assertThat(templateNames).hasSizeGreaterThanOrEqualTo(10);
      for (String name : templateNames) {
        assertThat(names).contains(name + ".en.txt", name + ".zh-CN.txt");
      }
    }
  }

  @Test
  void rendersPlaceholdersAndOptionalDefaults() {
    MailTemplate mail = templates.render("application-rejected", "en",
        Map.of("contactName", "Zhang Wei", "companyName", "Example Co."));
    assertThat(mail.subject()).isEqualTo("Your marketplace application was not approved");
    assertThat(mail.body()).contains("Dear Zhang Wei,").contains("Example Co.").contains("(none given)");
  }

  @Test
  void rendersTheChineseTemplateForZhCn() {
    MailTemplate mail = templates.render("more-info", "zh-CN",
        Map.of("contactName", "张伟", "companyName", "示例", "amendUrl", "http://x/apply/?amend=t"));
    assertThat(mail.subject()).isEqualTo("请补充您的镜像市场申请材料");
    assertThat(mail.body()).contains("http://x/apply/?amend=t");
  }
}
