package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.application.ApplicationForm;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.release.ReleaseFixtures;
import cn.marketplace.onboarding.release.ReleaseTimes;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.context.ApplicationContext;

/**
 * Complete lifecycles of an ISV, one stage (process) after another, driven by {@link EmulatedPeople}:
 * onboarding to an active publisher, an image submission to a certified image, and the offer's release
 * to production (the agreed release time made due at once). The product's stages are started the way
 * the product's users start them; the bare twins' with the same input plus the decisions our delegates
 * would have made (the bare ones make none). Each {@link #run} returns the nanoseconds each stage took.
 */
final class Lifecycles {

  /** What one lifecycle's stages took, in nanoseconds. */
  record Took(long onboarding, long certification, long release) {

    long total() {
      return onboarding + certification + release;
    }
  }

  /** Called as each stage of a lifecycle ends, e.g. to count what the stage cost. */
  interface StageEnd {
    void ended(Stage stage);
  }

  enum Stage { ONBOARDING, CERTIFICATION, RELEASE }

  /** A release at 10:00 Beijing time on a business day at least this far ahead, outside every freeze. */
  private static final int RELEASE_DAYS_AHEAD = 2;
  private static final LocalTime RELEASE_HOUR = LocalTime.of(10, 0);
  private static final String STAFF_PASSWORD = "Bench-Staff-Passw0rd!k3";

  private final ApplicationService applications;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final ProcessEngine engine;
  private final EmulatedPeople people;
  private final boolean bare;

  private Lifecycles(ApplicationContext context, boolean bare) {
    this.applications = context.getBean(ApplicationService.class);
    this.engine = context.getBean(ProcessEngine.class);
    this.runtimeService = engine.getRuntimeService();
    this.historyService = engine.getHistoryService();
    String releaseAt = firstAllowedReleaseTime(context.getBean(ReleaseTimes.class),
        context.getBean(BusinessCalendar.class), context.getBean(EngineClock.class).now());
    this.people = new EmulatedPeople(engine, EmulatedPeople.happyPath(() -> releaseAt));
    this.bare = bare;
    for (Actor staff : List.of(Actor.REVIEWER, Actor.ACCOUNT_MANAGER, Actor.SUPPORT)) {
      // users with an address, so that the mails to their groups are built and sent as in production
      StaffUsers.ensure(engine.getIdentityService(), staff.userId(), staff.groups().get(0), STAFF_PASSWORD);
    }
  }

  static Lifecycles product(ApplicationContext context) {
    return new Lifecycles(context, false);
  }

  static Lifecycles bare(ApplicationContext context) {
    return new Lifecycles(context, true);
  }

  String flavour() {
    return bare ? "bare" : "product";
  }

  Took run() {
    return run(stage -> { });
  }

  Took run(StageEnd stageEnd) {
    long started = System.nanoTime();
    String publisherId = onboarding();
    long onboarded = System.nanoTime();
    stageEnd.ended(Stage.ONBOARDING);
    long certificationStarted = System.nanoTime();
    certification(publisherId);
    long certified = System.nanoTime();
    stageEnd.ended(Stage.CERTIFICATION);
    long releaseStarted = System.nanoTime();
    release(publisherId);
    long released = System.nanoTime();
    stageEnd.ended(Stage.RELEASE);
    return new Took(onboarded - started, certified - certificationStarted, released - releaseStarted);
  }

  /** publisherOnboarding to an active publisher; returns the publisher ID. */
  private String onboarding() {
    ApplicationForm form = ApplicationFixtures.unique("isv-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn");
    String instance;
    if (bare) {
      Map<String, Object> variables = form.toVariables();
      variables.put("applicationId", UUID.randomUUID().toString());
      // what checkApplication, issueAccount and verifyCredential decide in the product
      variables.put("publisherId", "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
      variables.put("credentialResult", "valid");
      variables.put(PublisherOnboarding.POSSIBLE_DUPLICATE_OF, "");
      instance = runtimeService.startProcessInstanceByKey(BareTwins.keyOf(PublisherOnboarding.KEY), variables)
          .getId();
    } else {
      instance = applications.submit(form).processInstanceId();
    }
    people.driveToEnd(instance);
    return (String) variable(instance, "publisherId");
  }

  /**
   * imageCertification from Tasklist's start form to a certified image: VHDs accepted, the Linux tests
   * run (on the canned probe output of a good VM), the questionnaire answered, the report stored.
   */
  private void certification(String publisherId) {
    SubmissionForm form = SubmissionFixtures.linux(sasUri("os"), "0=" + sasUri("data0") + "\n1=" + sasUri("data1"));
    Map<String, Object> variables = new HashMap<>(SubmissionFixtures.variables(form));
    variables.put("vmUser", CannedLinuxVmProbe.USER);
    variables.put("vmPassword", CannedLinuxVmProbe.PASSWORD);
    if (bare) {
      // what registerSubmission, checkSubmission, acceptVhds, runLinuxCertification and storeCertificationReport
      // decide in the product
      variables.put("publisherId", publisherId);
      variables.put("submissionId", UUID.randomUUID().toString());
      variables.put("checkOutcome", "accepted");
      variables.put("vhdsAccepted", true);
      variables.put("imageOsFamily", "linux");
      variables.put("certificationReportId", UUID.randomUUID().toString());
      variables.put("certificationPassed", true);
      variables.put("certified", true);
    }
    String key = bare ? BareTwins.keyOf(ImageCertification.KEY) : ImageCertification.KEY;
    String instance = Actor.isv(publisherId).act(engine.getIdentityService(),
        () -> runtimeService.startProcessInstanceByKey(key, variables).getId());
    people.driveToEnd(instance);
    if (!bare && !Boolean.TRUE.equals(variable(instance, "certified"))) {
      throw new IllegalStateException("the benchmark's image was not certified: check outcome "
          + variable(instance, "checkOutcome") + ", tests passed " + variable(instance, "certificationPassed"));
    }
  }

  /** offerRelease from Tasklist's start form to the offer live: reviewed, in pre-release, verified, scheduled, released. */
  private void release(String publisherId) {
    Map<String, Object> variables = ReleaseFixtures.byolContent();
    if (bare) {
      // what registerRelease decides in the product
      variables.put("publisherId", publisherId);
      variables.put("releaseId", UUID.randomUUID().toString());
    }
    String key = bare ? BareTwins.keyOf(OfferReleaseProcess.KEY) : OfferReleaseProcess.KEY;
    String instance = Actor.isv(publisherId).act(engine.getIdentityService(),
        () -> runtimeService.startProcessInstanceByKey(key, variables).getId());
    people.driveToEnd(instance);
    if (!bare && !"released".equals(variable(instance, "releaseStatus"))) {
      throw new IllegalStateException("the benchmark's offer was not released: " + variable(instance, "releaseStatus"));
    }
  }

  /** What support agrees on: the first business day {@value #RELEASE_DAYS_AHEAD}+ days ahead, 10:00, that REL-1 allows. */
  private static String firstAllowedReleaseTime(ReleaseTimes times, BusinessCalendar calendar, Instant now) {
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    for (int days = RELEASE_DAYS_AHEAD; days < 120; days++) {
      String candidate = today.plusDays(days).atTime(RELEASE_HOUR).atZone(calendar.zone()).toOffsetDateTime().toString();
      if (!times.check(candidate, now).finding().failed()) {
        return candidate;
      }
    }
    throw new IllegalStateException("no release time within 120 days that REL-1 allows: see the calendar and freezes");
  }

  private Object variable(String processInstanceId, String name) {
    List<HistoricVariableInstance> found = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).list();
    return found.isEmpty() ? null : found.get(0).getValue();
  }

  /** A SAS URI as an ISV generates it in Azure China: read and list, valid from an hour ago for 30 days. */
  private static String sasUri(String disk) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    return "https://contoso.blob.core.chinacloudapi.cn/vhds/" + disk + ".vhd?sv=2024-11-04&st="
        + iso.format(now.minusHours(1)).replace("+00:00", "Z") + "&se=" + iso.format(now.plusDays(30)).replace("+00:00", "Z")
        + "&sr=b&sp=rl&sig=" + UUID.randomUUID().toString().replace("-", "");
  }
}
