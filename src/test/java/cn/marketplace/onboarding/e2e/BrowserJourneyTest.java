package cn.marketplace.onboarding.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.hutool.core.util.CreditCodeUtil;
import cn.marketplace.onboarding.application.Application;
import cn.marketplace.onboarding.application.ApplicationRepository;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.release.ReleaseTimes;
import cn.marketplace.onboarding.rules.Result;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.TestKeys;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
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
import java.util.stream.Stream;
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
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The whole lifecycle as its people live it, in a real browser: runs {@code e2e/onboarding-journey.mjs}
 * (playwright-core driving Debian's Chromium headless) against this product on its real port, and
 * checks what the engine and the catalogue recorded. Screenshots of every step land in {@code target/e2e/}.
 *
 * <p>The test plays the world around the people: the mailbox (the amendment link and the publisher's
 * password reach the script through owner-only files, as they reach a person by mail), the publisher's
 * storage (a sparse 60 GiB fixed VHD in Azurite, so that support reviews its size) and its certification
 * VM (a sample VM's SSH server), the passing of time (once the release is scheduled, the engine's clock
 * moves to the agreed time, as the release tests move it) and an SMTP outage: the mail server stops
 * before the release time, the failed mail job's retries are set to none over the engine REST API as
 * Cockpit sets them, and the server comes back for an administrator to retry the incident in Cockpit.
 * The public endpoints keep their production limits, so the apply page's reloads count for real.
 * No Chromium process outlives the test.
 */
@OnboardingHttpTest
@TestPropertySource(properties = {
    "onboarding.security.rate-limit.capacity=30", "onboarding.security.page-rate-limit.capacity=300"})
class BrowserJourneyTest {

  private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
  private static final Path OUT = Path.of("target", "e2e").toAbsolutePath();
  private static final String STAFF_PASSWORD = "Browser-Passw0rd!x";
  private static final Duration JOURNEY_TIMEOUT = Duration.ofMinutes(8);
  private static final String ACCOUNT_MAIL_SUBJECT = "您的 Azure 镜像市场发布商账号";
  private static final String MORE_INFO_MAIL_SUBJECT = "请补充您的镜像市场申请材料";
  /** A partner ID of the test directory that no other test's publisher uses. */
  private static final String PARTNER_ID = "3141592";
  private static final String OFFER_ID = "pujiang-db";
  private static final List<String> STEPS = List.of("applicantApplies", "reviewerAsksForMoreInformation",
      "applicantAmendsThroughTheMailedLink", "reviewerApprovesInTasklist", "accountManagerRecordsTheCall",
      "operatorFindsTheInstanceInCockpit", "publisherActivatesWithPartnerId", "publisherSubmitsAnImage",
      "publisherFixesTheSubmission", "supportReviewsTheImageSize", "publisherAnswersTheQuestionnaire",
      "publisherRequestsTheRelease", "supportReviewsTheRelease", "publisherVerifiesStaging",
      "supportSchedulesTheRelease", "visitorSeesTheOfferLive", "operatorFindsTheIncident",
      "administratorRetriesTheIncident");

  private static SampleVmServer vm;

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired ApplicationRepository applications;
  @Autowired ProcessEngine processEngine;
  @Autowired ReleaseTimes releaseTimes;
  @Autowired EngineClock engineClock;
  @Autowired TestRestTemplate http;
  @Value("${onboarding.offers.vm-sizes}") String configuredVmSizes;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void purgeMailAndStartTheVm() {
    MailServer.purge();
    vm = SampleVmServer.start(TestKeys.ed25519());
    vm.serve("ubuntu-22.04-good");
  }

  @AfterAll
  static void stopTheVm() throws Exception {
    vm.close();
  }

  @AfterEach
  void resetTheClockAndTheMailServer() {
    ClockUtil.reset();
    if (!MailServer.running()) {
      MailServer.restore();
    }
  }

  @Test
  void everyoneTakesAPublisherFromItsApplicationToItsLiveOfferInTheBrowser() throws Exception {
    assertThat(CHROMIUM).as("Debian's Chromium runs the browser tests: apt-get install -y chromium fonts-noto-cjk")
        .isExecutable();
    assertThat(Path.of("node_modules", "playwright-core")).as("playwright-core drives Chromium: npm ci").isDirectory();
    staff("browser-reviewer", "Rita", "Reviewer", Groups.REVIEWERS);
    staff("browser-manager", "Max", "Manager", Groups.ACCOUNT_MANAGERS);
    staff("browser-operator", "Olga", "Operations", Groups.OPERATIONS);
    staff("browser-support", "Sun", "Support", Groups.SUPPORT);
    staff("browser-admin", "Ada", "Administrator", Groups.ADMIN);
    String applicantEmail = "li.na+" + UUID.randomUUID().toString().substring(0, 8) + "@pujiang-cloud.example.cn";
    String creditCode = CreditCodeUtil.randomCreditCode();

    Files.createDirectories(OUT);
    Files.deleteIfExists(OUT.resolve("summary.json"));
    try (Stream<Path> earlier = Files.list(OUT)) {
      for (Path screenshot : earlier.filter(file -> file.toString().endsWith(".png")).toList()) {
        Files.delete(screenshot); // this run's screenshots only, for the README to take from
      }
    }
    Backstage backstage = new Backstage(applicantEmail);
    backstage.clear();
    // the OS disk: over 50 GB, so LNX-SIZE-1 sends the submission to support's size review; its first
    // SAS URI grants read only (SAS-7 asks for sp=rl), the fixed one read and list
    Azurite azurite = Azurite.instance();
    String container = azurite.createContainer();
    long osDiskSize = 60 * VhdFooters.GIB;
    azurite.sparsePageBlob(container, "os.vhd", osDiskSize, VhdFooters.fixed(osDiskSize).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String osVhdUri = azurite.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30));
    String readOnlyOsVhdUri = azurite.sasUri(container, "os.vhd", "r", now.minusHours(1), now.plusDays(30));
    writeOwnerOnly(backstage.submission, Map.of("osVhdUri", osVhdUri, "readOnlyOsVhdUri", readOnlyOsVhdUri,
        "vmPassword", SampleVmServer.PASSWORD));
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
    environment.put("E2E_SUPPORT", "browser-support:" + STAFF_PASSWORD);
    environment.put("E2E_ADMIN", "browser-admin:" + STAFF_PASSWORD);
    environment.put("E2E_APPLICANT_EMAIL", applicantEmail);
    environment.put("E2E_CREDIT_CODE", creditCode);
    environment.put("E2E_WRONG_CREDIT_CODE", withWrongCheckCharacter(creditCode));
    environment.put("E2E_PARTNER_ID", PARTNER_ID);
    environment.put("E2E_OFFER_ID", OFFER_ID);
    environment.put("E2E_AMEND_LINK_FILE", backstage.amendLink.toString());
    environment.put("E2E_PUBLISHER_CREDENTIALS_FILE", backstage.credentials.toString());
    environment.put("E2E_SUBMISSION_FILE", backstage.submission.toString());
    environment.put("E2E_SMTP_RESTORED_FILE", backstage.smtpRestored.toString());
    environment.put("E2E_VM_SIZES", String.join(", ", vmSizes));
    environment.put("E2E_VM_HOST", vm.host());
    environment.put("E2E_VM_PORT", String.valueOf(vm.port()));
    environment.put("E2E_VM_USER", SampleVmServer.USER);
    // a port the VM destination policy refuses (CERT-6), the publisher's first mistake
    environment.put("E2E_WRONG_VM_PORT", "80");
    environment.put("E2E_RELEASE_AT", nextReleaseTime());

    // every call a screen makes must pass the engine API's gate: its refusals are logged here
    ListAppender<ILoggingEvent> refusals = new ListAppender<>();
    refusals.start();
    Logger gate = (Logger) LoggerFactory.getLogger("security.engine-api");
    gate.addAppender(refusals);

    Instant started = Instant.now();
    Process node = journey.start();
    int exitCode;
    try {
      Instant deadline = started.plus(JOURNEY_TIMEOUT);
      while (!node.waitFor(500, TimeUnit.MILLISECONDS)) {
        assertThat(Instant.now()).as("the journey ends within %s", JOURNEY_TIMEOUT).isBefore(deadline);
        backstage.play();
      }
      exitCode = node.exitValue();
    } finally {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
      browserProcesses(browserTemp).forEach(ProcessHandle::destroyForcibly);
      backstage.clear();
      gate.detachAppender(refusals);
    }
    System.out.printf("Browser journey: %d s%n", Duration.between(started, Instant.now()).toSeconds());

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(browserProcesses(browserTemp)).as("Chromium processes left behind").isEmpty());
    FileSystemUtils.deleteRecursively(browserTemp);
    String output = Files.readString(log);
    assertThat(exitCode).as("the journey's exit code; its output:%n%s%nimage submissions: %s%nbackstage: %s", output,
        imageSubmissions(), backstage).isZero();

    assertThat(refusals.list).extracting(ILoggingEvent::getFormattedMessage)
        .as("engine API calls the gate refused during the journey (security.engine-api)").isEmpty();

    JsonNode summary = json.readTree(OUT.resolve("summary.json").toFile());
    assertThat(summary.get("passed").asBoolean()).isTrue();
    assertThat(summary.get("steps")).extracting(step -> step.get("step").asText()).containsExactlyElementsOf(STEPS);
    assertThat(summary.get("steps")).allSatisfy(step -> {
      assertThat(step.get("passed").asBoolean()).as(step.get("step").asText()).isTrue();
      assertThat(step.get("screenshots")).isNotEmpty()
          .allSatisfy(file -> assertThat(OUT.resolve(file.asText())).isNotEmptyFile());
      assertThat(step.get("tooManyRequests").asInt()).as("%s: answers 429", step.get("step").asText()).isZero();
    });
    assertThat(output).as("the publisher's password stays out of the output").doesNotContain(backstage.password);
    assertThat(output).as("the amendment link stays out of the output").doesNotContain(backstage.amendToken);
    for (String uri : List.of(osVhdUri, readOnlyOsVhdUri)) {
      assertThat(output).as("the OS disk's SAS URIs stay out of the output").doesNotContain(uri)
          .doesNotContain(uri.substring(uri.indexOf('?')));
    }

    // onboarding: a mistake, more information asked for and given, approval, the call, activation
    Application application = applications.findById(summary.get("applicationId").asText()).orElseThrow();
    assertThat(application.getCreditCode()).isEqualTo(creditCode);
    assertThat(application.getContactEmail()).isEqualTo(applicantEmail);
    JsonNode amended = step(summary, "applicantAmendsThroughTheMailedLink").get("observed");
    assertThat(application.toForm().registeredAddress()).as("the amendment").isEqualTo(amended.get("registeredAddress").asText());
    String processInstanceId = summary.get("processInstanceId").asText();
    assertThat(application.getProcessInstanceId()).as("the instance the operator found").isEqualTo(processInstanceId);
    JsonNode applied = step(summary, "applicantApplies").get("observed");
    assertThat(applied.get("creditCodeError").asText()).contains("APPLY-3");
    assertThat(activities(processInstanceId)).contains("requestMoreInfo");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .activityId("reviewApplication").count()).as("reviewed twice: before and after the amendment").isEqualTo(2);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(variable(processInstanceId, "publisherStatus")).isEqualTo("active"));
    assertThat(variable(processInstanceId, "reviewDecision")).isEqualTo("approve");
    assertThat(variable(processInstanceId, "callOutcome")).isEqualTo("reached");
    assertThat(variable(processInstanceId, "credentialType")).isEqualTo("partnerId");

    // the image: refused, fixed in Tasklist, size reviewed, certified over SSH, questionnaire answered
    String publisherLogin = step(summary, "publisherSubmitsAnImage").get("observed").get("publisherLogin").asText();
    HistoricProcessInstance certification = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("imageCertification").startedBy(publisherLogin).singleResult();
    assertThat(certification).as("the imageCertification instance the publisher started").isNotNull();
    assertThat(activities(certification.getId())).contains("fixSubmission", "reviewImageSize", "acceptVhds",
        "runLinuxCertification", "answerQuestionnaire", "storeCertificationReport", "imageCertified");
    assertThat(variable(certification.getId(), "certified")).isEqualTo(true);
    assertThat(vm.execRequests()).as("the certification ran on the sample VM over SSH").isPositive();
    HistoricActivityInstance review = historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(certification.getId()).activityId("reviewImageSize").singleResult();
    assertThat(review.getAssignee()).as("who reviewed the size").isEqualTo("browser-support");

    // the release: live in the catalogue, its incident retried by the administrator
    HistoricProcessInstance release = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("offerRelease").startedBy(publisherLogin).singleResult();
    assertThat(release).as("the offerRelease instance the publisher started").isNotNull();
    assertThat(variable(release.getId(), "releaseStatus")).isEqualTo("released");
    assertThat(variable(release.getId(), "stagingUrl")).isNotNull();
    assertThat(backstage.incidentId).as("the SMTP outage's incident").isNotNull();
    HistoricIncident incident = historyService.createHistoricIncidentQuery().incidentId(backstage.incidentId)
        .singleResult();
    assertThat(incident.getActivityId()).isEqualTo("mailLiveToPublisher");
    assertThat(incident.isResolved()).as("retried and resolved").isTrue();
    assertThat(Mails.subjects(applicantEmail)).as("the mail the outage held back, sent on the retry")
        .anyMatch(subject -> subject.contains(OFFER_ID) && subject.contains("已上线"));
    JsonNode live = http.getForObject("/api/offers", JsonNode.class);
    assertThat(StreamSupport.stream(live.spliterator(), false).map(offer -> offer.get("offerId").asText()))
        .contains(OFFER_ID);
  }

  /**
   * The world around the journey's people, played while the script runs: what the mail brings them,
   * the release time coming, and the SMTP outage with its incident. Each act happens once, when its
   * moment has come; secrets reach the script only in owner-only files, deleted at the end.
   */
  private final class Backstage {

    final Path amendLink = OUT.resolve("amend-link.json");
    final Path credentials = OUT.resolve("publisher-credentials.json");
    final Path submission = OUT.resolve("submission-secrets.json");
    final Path smtpRestored = OUT.resolve("smtp-restored");
    private final String applicantEmail;
    String amendToken = "(none)";
    String password = "(none)";
    String releaseInstanceId;
    Instant clockMovedTo;
    String failedJobId;
    String incidentId;

    Backstage(String applicantEmail) {
      this.applicantEmail = applicantEmail;
    }

    void clear() throws IOException {
      for (Path file : List.of(amendLink, credentials, submission, smtpRestored)) {
        Files.deleteIfExists(file);
      }
    }

    void play() throws IOException {
      if (!Files.exists(amendLink) && MailServer.running()
          && Mails.subjects(applicantEmail).contains(MORE_INFO_MAIL_SUBJECT)) {
        // the mail's link names the configured address: the applicant's browser opens its path here
        URI link = URI.create(Mails.find(applicantEmail, "(http\\S+amend=\\S+)"));
        amendToken = link.getQuery().substring(link.getQuery().indexOf('=') + 1);
        writeOwnerOnly(amendLink, Map.of("path", link.getRawPath() + "?" + link.getRawQuery()));
      }
      if (!Files.exists(credentials) && MailServer.running()
          && Mails.subjects(applicantEmail).contains(ACCOUNT_MAIL_SUBJECT)) {
        password = Mails.find(applicantEmail, "初始密码：(\\S+)");
        writeOwnerOnly(credentials, Map.of("login", Mails.find(applicantEmail, "登录名：(\\S+)"), "password", password));
      }
      if (clockMovedTo == null) {
        Job releaseTime = managementService.createJobQuery().timers().activityId("timerReleaseAt").singleResult();
        if (releaseTime != null) {
          // the outage begins before the release time, then the engine's clock moves to that time
          releaseInstanceId = releaseTime.getProcessInstanceId();
          MailServer.stop();
          clockMovedTo = releaseTime.getDuedate().toInstant().plusSeconds(5);
          ClockUtil.offset(Duration.between(Instant.now(), clockMovedTo).toMillis());
          jobExecutor().jobWasAdded();
        }
      } else if (failedJobId == null) {
        Job failed = managementService.createJobQuery().processInstanceId(releaseInstanceId)
            .activityId("mailLiveToPublisher").withException().singleResult();
        if (failed != null) {
          // as Cockpit sets a job's retries: PUT job/{id}/retries, here to none, which raises the incident
          HttpHeaders headers = new HttpHeaders();
          headers.setBasicAuth("browser-admin", STAFF_PASSWORD);
          headers.setContentType(MediaType.APPLICATION_JSON);
          // due now, so that the administrator's retry, keeping the due date, runs at once
          String dueNow = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
              .format(engineClock.now().atOffset(ZoneOffset.UTC));
          ResponseEntity<String> set = http.exchange("/engine-rest/job/" + failed.getId() + "/retries",
              HttpMethod.PUT, new HttpEntity<>(Map.of("retries", 0, "dueDate", dueNow), headers), String.class);
          assertThat(set.getStatusCode()).as("retries set to none: %s", set.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
          failedJobId = failed.getId();
        }
      } else if (incidentId == null) {
        Incident incident = processEngine.getRuntimeService().createIncidentQuery().configuration(failedJobId)
            .singleResult();
        if (incident != null) {
          incidentId = incident.getId();
          MailServer.restore();
          Files.writeString(smtpRestored, "restored");
        }
      }
    }

    private JobExecutor jobExecutor() {
      return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getJobExecutor();
    }

    @Override
    public String toString() {
      return String.format("release %s, clock moved to %s, failed job %s, incident %s, SMTP running %s",
          releaseInstanceId, clockMovedTo, failedJobId, incidentId, MailServer.running());
    }
  }

  /**
   * The first release time REL-1 lets support agree from now on: a business day's working hour in
   * Beijing, outside every freeze. The test moves the engine's clock to it once it is scheduled.
   */
  private String nextReleaseTime() {
    Instant now = engineClock.now();
    ZonedDateTime candidate = now.atZone(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.HOURS).plusHours(2);
    for (int hour = 0; hour < 24 * 60; hour++, candidate = candidate.plusHours(1)) {
      String text = candidate.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      if (releaseTimes.check(text, now).finding().result() == Result.PASS) {
        return text.replace(":00+", "+");
      }
    }
    throw new AssertionError("no release time in the next 60 days passes REL-1");
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

  /** The instance's own variable of that name (not a task's or an activity's local copy). */
  private Object variable(String processInstanceId, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).list().stream()
        .filter(variable -> processInstanceId.equals(variable.getActivityInstanceId()))
        .map(HistoricVariableInstance::getValue).findFirst().orElse(null);
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
