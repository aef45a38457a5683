package cn.marketplace.onboarding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.marketplace.onboarding.engine.Groups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

  /** What {@code ProcessMailModel} gives every step of an onboarding: the start form's values and more. */
  private static final Set<String> ONBOARDING = Set.of("baseUrl", "processInstanceId", "applicationId",
      "companyName", "contactName", "contactEmail", "contactPhone", "language");
  /** What it gives every step of an offer release (the start's variables). */
  private static final Set<String> RELEASE = Set.of("baseUrl", "processInstanceId", "releaseId", "publisherId",
      "offerId", "offerName", "companyName", "language");

  /**
   * The values each mail's step gives, beyond what its process gives everywhere; optional values
   * (a comment that may be absent) are given here and left out in {@link #optionalValuesMayBeAbsent}.
   */
  private static final Map<String, Set<String>> MODEL_OF_STEP = Map.ofEntries(
      Map.entry("review-overdue", ONBOARDING),
      // to the earlier applicant of the same company, from its own application only
      Map.entry("duplicate-application-received", Set.of("companyName", "contactName", "applicationId")),
      Map.entry("application-rejected", with(ONBOARDING, "reviewDecision", "reviewComment")),
      Map.entry("more-info", with(ONBOARDING, "reviewDecision", "reviewComment", "amendUrl")),
      Map.entry("application-lapsed", with(ONBOARDING, "reviewDecision", "reviewComment")),
      Map.entry("application-approved", with(ONBOARDING, "reviewDecision", "reviewComment")),
      Map.entry("call-missed", with(ONBOARDING, "callOutcome")),
      Map.entry("account-issued", with(ONBOARDING, "login", "initialPassword")),
      Map.entry("activation-reminder", with(ONBOARDING, "publisherId")),
      Map.entry("buy-azure", with(ONBOARDING, "publisherId", "credentialType")),
      Map.entry("publisher-activated", with(ONBOARDING, "publisherId")),
      Map.entry("release-review-overdue", RELEASE),
      Map.entry("release-changes-requested", with(RELEASE, "reviewDecision", "reviewComment")),
      Map.entry("release-staging", with(RELEASE, "reviewDecision", "stagingUrl")),
      Map.entry("release-staging-reminder", with(RELEASE, "stagingUrl")),
      Map.entry("release-lapsed", with(RELEASE, "stagingUrl")),
      Map.entry("release-scheduled", with(RELEASE, "stagingUrl", "stagingDecision", "releaseAtText")),
      Map.entry("release-live", with(RELEASE, "releaseAtText", "releasedAtText", "releasedBy")),
      Map.entry("release-live-staff", with(RELEASE, "releaseAtText", "releasedAtText", "releasedBy")),
      Map.entry("release-withdrawn", with(RELEASE, "reviewComment")),
      Map.entry("sas-expiring", Set.of("baseUrl", "companyName", "offerId", "skuId", "version", "expiresAt",
          "maskedUris")));

  /** Values that would be code in a template engine that evaluates what it substitutes. */
  private static final List<String> HOSTILE = List.of("Quinn ${registeredAddress}", "{{initialPassword}}",
      "#{T(java.lang.Runtime).getRuntime()}", "${nosuchvar}", "<b onclick=\"x\">&amp;</b>", "{{#a}}x{{/a}}");

  private final MailTemplates templates = new MailTemplates();

  @Test
  void everyTemplateExistsInBothLanguagesWithASubject() throws Exception {
    List<String> templateNames = templateNames();
    assertThat(templateNames).hasSizeGreaterThanOrEqualTo(10);
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/mail"))) {
      var names = files.map(p -> p.getFileName().toString()).toList();
      for (String name : templateNames) {
        assertThat(names).contains(name + ".en.txt", name + ".zh-CN.txt");
      }
    }
  }

  @Test
  void everyMailStepOfADiagramNamesATemplateAndNoVariables() throws Exception {
    List<String> templateNames = templateNames();
    List<String> mailSteps = new ArrayList<>();
    try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
      for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
        for (ServiceTask step : model.getModelElementsByType(ServiceTask.class)) {
          if (!"${sendMail}".equals(step.getCamundaDelegateExpression())) {
            continue;
          }
          String name = diagram.getFileName() + " " + step.getId();
          mailSteps.add(name);
          assertThat(MailStep.property(step, MailStep.TEMPLATE)).as(name).isIn(templateNames);
          assertThat(MailStep.property(step, MailStep.TO_GROUP)).as(name)
              .isIn(null, Groups.REVIEWERS, Groups.ACCOUNT_MANAGERS, Groups.SUPPORT);
          // input parameters would be variables: rows written, kept in history and deleted for every mail
          assertThat(step.getExtensionElements().getChildElementsByType(CamundaInputOutput.class)).as(name).isEmpty();
        }
      }
    }
    assertThat(mailSteps).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void everyTemplateRendersWithTheModelItsStepGives() throws Exception {
    assertThat(MODEL_OF_STEP.keySet()).as("a model for every template").containsAll(templateNames());
    for (String template : templateNames()) {
      for (String language : List.of("zh-CN", "en")) {
        Map<String, Object> model = MODEL_OF_STEP.get(template).stream()
            .collect(Collectors.toMap(name -> name, name -> "<" + name + ">"));
        MailTemplate mail = templates.render(template, language, model);
        assertThat(mail.subject()).as(template + "." + language).isNotBlank().doesNotContain("{{", "}}", "${");
        assertThat(mail.body()).as(template + "." + language).doesNotContain("{{", "}}", "${");
      }
    }
  }

  @Test
  void optionalValuesMayBeAbsent() {
    MailTemplate mail = templates.render("application-rejected", "en",
        Map.of("contactName", "Zhang Wei", "companyName", "Example Co."));
    assertThat(mail.subject()).isEqualTo("Your marketplace application was not approved");
    assertThat(mail.body()).contains("Dear Zhang Wei,").contains("Example Co.").contains("(none given)");
    assertThat(templates.render("application-rejected", "en",
        Map.of("contactName", "Zhang Wei", "companyName", "Example Co.", "reviewComment", "")).body())
        .contains("(none given)");
    assertThat(templates.render("application-rejected", "en",
        Map.of("contactName", "Zhang Wei", "companyName", "Example Co.", "reviewComment", "Too vague")).body())
        .contains("Too vague").doesNotContain("(none given)");
  }

  @Test
  void aValueArrivesAsTextWhateverItHolds() throws Exception {
    for (String template : templateNames()) {
      for (String hostile : HOSTILE) {
        Map<String, Object> model = new HashMap<>();
        MODEL_OF_STEP.get(template).forEach(name -> model.put(name, name + ":" + hostile));
        MailTemplate mail = templates.render(template, "en", model);
        for (String name : MODEL_OF_STEP.get(template)) {
          if (templateUses(template, name)) {
            assertThat(mail.subject() + mail.body()).as(template + " " + name).contains(name + ":" + hostile);
          }
        }
      }
    }
  }

  @Test
  void aLineBreakInAValueStaysInTheSubjectLine() {
    MailTemplate mail = templates.render("release-live", "en", Map.of("offerName", "Good\r\nBcc: victim@example.cn",
        "offerId", "o", "releaseId", "r", "baseUrl", "b", "releasedAtText", "t"));
    assertThat(mail.subject()).doesNotContain("\n", "\r");
  }

  @Test
  void aTemplateNamingAValueItsStepDoesNotGiveFails() {
    assertThatThrownBy(() -> templates.render("account-issued", "en", Map.of("contactName", "Quinn")))
        .hasMessageContaining("companyName");
  }

  @Test
  void rendersTheChineseTemplateForZhCn() {
    MailTemplate mail = templates.render("more-info", "zh-CN",
        Map.of("contactName", "张伟", "companyName", "示例", "amendUrl", "http://x/apply/?amend=t"));
    assertThat(mail.subject()).isEqualTo("请补充您的镜像市场申请材料");
    assertThat(mail.body()).contains("http://x/apply/?amend=t");
  }

  private static boolean templateUses(String template, String name) {
    try {
      return Files.readString(Path.of("src/main/resources/mail", template + ".en.txt")).contains(name + "}}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> templateNames() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/mail"))) {
      return files.map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.indexOf('.')))
          .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }
  }

  private static Set<String> with(Set<String> base, String... more) {
    return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
  }
}
