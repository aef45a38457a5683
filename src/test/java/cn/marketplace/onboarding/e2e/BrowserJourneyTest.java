package cn.marketplace.onboarding.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hutool.core.util.CreditCodeUtil;
import cn.marketplace.onboarding.application.Application;
import cn.marketplace.onboarding.application.ApplicationRepository;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.OnboardingHttpTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The people's view, in a real browser: runs {@code e2e/onboarding-journey.mjs} (playwright-core
 * driving Debian's Chromium headless) against this product on its real port, hands the script the
 * publisher's mailed password and the SAS URI of its OS disk (a sparse 60 GiB fixed VHD in Azurite, so
 * that support reviews its size) through owner-only files, and checks what the engine recorded.
 * Screenshots of every step land in {@code target/e2e/}. No Chromium process outlives the test.
 */
@OnboardingHttpTest
class BrowserJourneyTest {

  private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
  private static final Path OUT = Path.of("target", "e2e").toAbsolutePath();
  private static final String STAFF_PASSWORD = "Browser-Passw0rd!x";
  private static final Duration JOURNEY_TIMEOUT = Duration.ofMinutes(5);
  private static final String ACCOUNT_MAIL_SUBJECT = "您的 Azure 镜像市场发布商账号";
  private static final List<String> STEPS = List.of("applicantApplies", "reviewerApprovesInTasklist",
      "accountManagerRecordsTheCall", "operatorFindsTheInstanceInCockpit", "publisherActivatesWithPartnerId",
      "publisherSubmitsAnImage", "supportReviewsTheImageSize");

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired ApplicationRepository applications;
  @Value("${onboarding.offers.vm-sizes}") String configuredVmSizes;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void purgeMail() {
    MailServer.purge();
  }

  @Test
  void applicantStaffAndPublisherOnboardAPublisherInTheBrowser() throws Exception {
    assertThat(CHROMIUM).as("Debian's Chromium runs the browser tests: apt-get install -y chromium fonts-noto-cjk")
        .isExecutable();
    assertThat(Path.of("node_modules", "playwright-core")).as("playwright-core drives Chromium: npm ci").isDirectory();
    staff("browser-reviewer", "Rita", "Reviewer", Groups.REVIEWERS);
    staff("browser-manager", "Max", "Manager", Groups.ACCOUNT_MANAGERS);
    staff("browser-operator", "Olga", "Operations", Groups.OPERATIONS);
    staff("browser-support", "Sun", "Support", Groups.SUPPORT);
    String applicantEmail = "li.na+" + UUID.randomUUID().toString().substring(0, 8) + "@pujiang-cloud.example.cn";
    String creditCode = CreditCodeUtil.randomCreditCode();

    Files.createDirectories(OUT);
    Files.deleteIfExists(OUT.resolve("summary.json"));
    Path credentials = OUT.resolve("publisher-credentials.json");
    Files.deleteIfExists(credentials);
    // the OS disk: over 50 GB, so LNX-SIZE-1 sends the submission to support's size review
    Azurite azurite = Azurite.instance();
    String container = azurite.createContainer();
    long osDiskSize = 60 * VhdFooters.GIB;
    azurite.sparsePageBlob(container, "os.vhd", osDiskSize, VhdFooters.fixed(osDiskSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String osVhdUri = azurite.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30));
    Path submission = OUT.resolve("submission-secrets.json");
    writeOwnerOnly(submission, Map.of("osVhdUri", osVhdUri));
    List<String> vmSizes = Arrays.stream(configuredVmSizes.split(",")).map(String::trim).limit(3).toList();
    // Chromium's profile lives under this directory, which names every browser process of this run
    Path browserTemp = Files.createTempDirectory(OUT, "browser-");
    Path log = OUT.resolve("journey.log");

    ProcessBuilder journey = new ProcessBuilder("node", "e2e/onboarding-journey.mjs")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = journey.environment();
    environment.put("E2E_BASE_URL", "http://localhost:" + port);
    environment.put("E2E_OUT", OUT.toString());
    environment.put("CHROMIUM", CHROMIUM.toString());
    environment.put("TMPDIR", browserTemp.toString());
    environment.put("E2E_REVIEWER", "browser-reviewer:" + STAFF_PASSWORD);
    environment.put("E2E_MANAGER", "browser-manager:" + STAFF_PASSWORD);
    environment.put("E2E_OPERATOR", "browser-operator:" + STAFF_PASSWORD);
    environment.put("E2E_APPLICANT_EMAIL", applicantEmail);
    environment.put("E2E_CREDIT_CODE", creditCode);
    environment.put("E2E_WRONG_CREDIT_CODE", withWrongCheckCharacter(creditCode));
    environment.put("E2E_PARTNER_ID", "1234567");
    environment.put("E2E_PUBLISHER_CREDENTIALS_FILE", credentials.toString());
    environment.put("E2E_SUPPORT", "browser-support:" + STAFF_PASSWORD);
    environment.put("E2E_SUBMISSION_FILE", submission.toString());
    environment.put("E2E_VM_SIZES", String.join(", ", vmSizes));

    Instant started = Instant.now();
    Process node = journey.start();
    int exitCode;
    try {
      Instant deadline = started.plus(JOURNEY_TIMEOUT);
      while (!node.waitFor(500, TimeUnit.MILLISECONDS)) {
        assertThat(Instant.now()).as("the journey ends within %s", JOURNEY_TIMEOUT).isBefore(deadline);
        if (!Files.exists(credentials) && Mails.subjects(applicantEmail).contains(ACCOUNT_MAIL_SUBJECT)) {
          writeOwnerOnly(credentials, Map.of(
              "login", Mails.find(applicantEmail, "登录名：(\\S+)"),
              "password", Mails.find(applicantEmail, "初始密码：(\\S+)")));
        }
      }
      exitCode = node.exitValue();
    } finally {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      browserProcesses(browserTemp).forEach(ProcessHandle::destroyForcibly);
      Files.deleteIfExists(credentials);
      Files.deleteIfExists(submission);
    }
    System.out.printf("Browser journey: %d s%n", Duration.between(started, Instant.now()).toSeconds());

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(browserProcesses(browserTemp)).as("Chromium processes left behind").isEmpty());
    FileSystemUtils.deleteRecursively(browserTemp);
    String output = Files.readString(log);
    assertThat(exitCode).as("the journey's exit code; its output:%n%s%nimage submissions: %s", output, imageSubmissions())
        .isZero();

    JsonNode summary = json.readTree(OUT.resolve("summary.json").toFile());
    assertThat(summary.get("passed").asBoolean()).isTrue();
    assertThat(summary.get("steps")).extracting(step -> step.get("step").asText()).containsExactlyElementsOf(STEPS);
    assertThat(summary.get("steps")).allSatisfy(step -> {
      assertThat(step.get("passed").asBoolean()).as(step.get("step").asText()).isTrue();
      assertThat(step.get("screenshots")).isNotEmpty()
          .allSatisfy(file -> assertThat(OUT.resolve(file.asText())).isNotEmptyFile());
    });
    assertThat(output).as("the publisher's password stays out of the output").doesNotContain(
        Mails.find(applicantEmail, "初始密码：(\\S+)"));
    assertThat(output).as("the OS disk's SAS URI stays out of the output").doesNotContain(osVhdUri)
        .doesNotContain(osVhdUri.substring(osVhdUri.indexOf('?')));

    Application application = applications.findById(summary.get("applicationId").asText()).orElseThrow();
    assertThat(application.getCreditCode()).isEqualTo(creditCode);
    assertThat(application.getContactEmail()).isEqualTo(applicantEmail);
    String processInstanceId = summary.get("processInstanceId").asText();
    assertThat(application.getProcessInstanceId()).as("the instance the operator found").isEqualTo(processInstanceId);
    JsonNode applied = step(summary, "applicantApplies").get("observed");
    assertThat(applied.get("creditCodeError").asText()).contains("APPLY-3");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(variable(processInstanceId, "publisherStatus")).isEqualTo("active"));
    assertThat(variable(processInstanceId, "reviewDecision")).isEqualTo("approve");
    assertThat(variable(processInstanceId, "callOutcome")).isEqualTo("reached");
    assertThat(variable(processInstanceId, "credentialType")).isEqualTo("partnerId");

    // the image submission the publisher started in Tasklist, past support's size review
    JsonNode submitted = step(summary, "publisherSubmitsAnImage").get("observed");
    HistoricProcessInstance certification = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("imageCertification").startedBy(submitted.get("publisherLogin").asText()).singleResult();
    assertThat(certification).as("the imageCertification instance the publisher started").isNotNull();
    assertThat(variable(certification.getId(), "publisherId")).isNotNull();
    assertThat(variable(certification.getId(), "reviewDecision")).isEqualTo("approve");
    assertThat(activities(certification.getId())).contains("checkSubmission", "reviewImageSize", "acceptVhds");
    assertThat(variable(certification.getId(), "vhdsAccepted")).isEqualTo(true);
    // the certification's job waits (or has run: the VM of this test is nowhere, a failed run goes back to the ISV)
    assertThat(managementService.createJobQuery().processInstanceId(certification.getId())
        .activityId("runLinuxCertification").count() > 0
        || activities(certification.getId()).contains("runLinuxCertification"))
        .as("the instance reached runLinuxCertification").isTrue();
    HistoricActivityInstance review = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(certification.getId()).activityId("reviewImageSize").singleResult();
    assertThat(review.getAssignee()).as("who reviewed the size").isEqualTo("browser-support");
    assertThat(review.getEndTime()).isNotNull();
  }

  /** Where each image submission went and what its checks found: no secrets, those are not in these. */
  private String imageSubmissions() {
    StringBuilder state = new StringBuilder();
    for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("imageCertification").list()) {
      state.append(String.format("%n  %s by %s: %s; jobs %s; findings %s", instance.getId(), instance.getStartUserId(),
          activities(instance.getId()), managementService.createJobQuery().processInstanceId(instance.getId()).list()
              .stream().map(job -> job.getId() + " retries " + job.getRetries()).toList(),
          historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
              .variableName("findingsSummary").list().stream().map(HistoricVariableInstance::getValue).toList()));
    }
    return state.toString();
  }

  /** The activities the instance has entered, in any order. */
  private List<String> activities(String processInstanceId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).list().stream()
        .map(HistoricActivityInstance::getActivityId).toList();
  }

  /** The same code with another check character: the right shape, so only the server can tell. */
  private static String withWrongCheckCharacter(String creditCode) {
    char check = creditCode.charAt(17);
    return creditCode.substring(0, 17) + (check == '0' ? '1' : '0');
  }

  private static List<ProcessHandle> browserProcesses(Path browserTemp) {
    String marker = browserTemp.toString();
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .toList();
  }

  /** Written aside and moved in place, so the script never reads half a file. */
  private void writeOwnerOnly(Path file, Map<String, String> content) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".part");
    Files.deleteIfExists(aside);
    Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(aside, json.writeValueAsString(content), StandardCharsets.UTF_8);
    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static JsonNode step(JsonNode summary, String name) {
    return StreamSupport.stream(summary.get("steps").spliterator(), false)
        .filter(step -> step.get("step").asText().equals(name)).findFirst().orElseThrow();
  }

  private Object variable(String processInstanceId, String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private void staff(String id, String firstName, String lastName, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@staff.example.cn");
      user.setPassword(STAFF_PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }
}
