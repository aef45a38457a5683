package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.process.OfferReleaseProcess;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.calendar.BusinessCalendar;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.release.ReleaseFixtures;
import cn.marketplace.onboarding.release.ReleaseTimes;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.StaffUsers;
import cn.marketplace.onboarding.testsupport.TestKeys;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Item 2, end to end with the real local services: the product's own adapters against Azurite (the
 * ISV's VHDs, the published reports), a sample VM over SSH (Apache MINA SSHD) and GreenMail (every
 * mail), the job executor on. Emulated people in a few driver threads take ISVs through the whole
 * lifecycle (onboarding, image submission, Linux certification, questionnaire, offer release with
 * the release time made due at once), waiting for the job executor between their steps; then the
 * history tables say where the time went ({@link StageTimes}).
 */
final class EndToEnd {

  static final String SECTION = "2 end to end";
  private static final String STAFF_PASSWORD = "Bench-Staff-Passw0rd!";
  private static final long LIFECYCLE_TIMEOUT_MILLIS = 180_000;

  /** The three instances of one ISV's lifecycle. */
  record Lifecycle(String onboarding, String image, String release) {

    List<String> instances() {
      return List.of(onboarding, image, release);
    }
  }

  /** An ISV's VHDs in Azurite, uploaded before the lifecycle is timed: the ISV's work, not the product's. */
  record Vhds(String os, String data0) {}

  private EndToEnd() {}

  static void measure(BenchSettings settings, Report report, String databaseLabel) throws Exception {
    Azurite azurite = Azurite.instance();
    int drivers = settings.endToEndDrivers();
    int jobThreads = settings.endToEndJobThreads();
    int lifecycles = settings.endToEndLifecycles();
    Map<String, Object> properties = new HashMap<>(jobExecutor(jobThreads, settings.endToEndJobWaitMillis()));
    properties.put("spring.datasource.hikari.maximum-pool-size", 2 * jobThreads + drivers + 4);
    properties.putAll(realServices());
    String setting = "job executor core " + jobThreads + ", max " + 2 * jobThreads + ", queue " + 2 * jobThreads
        + ", " + 2 * jobThreads + " jobs per acquisition, idle wait " + settings.endToEndJobWaitMillis() + " ms; "
        + drivers + " driver threads; " + databaseLabel;
    System.out.println("End to end: " + lifecycles + " lifecycles x " + settings.endToEndRepetitions()
        + " repetitions, " + setting);
    try (SampleVmServer vm = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-good");
        ConfigurableApplicationContext context = BenchContexts.start(BenchDatabase.fresh(settings, "endtoend"),
            List.of(), properties)) {
      Driver driver = new Driver(context, vm, azurite);
      ExecutorService pool = Executors.newFixedThreadPool(drivers);
      try {
        run(pool, driver, Math.max(drivers, lifecycles / 4));
        Samples rate = new Samples();
        List<Lifecycle> measured = new ArrayList<>();
        for (int repetition = 0; repetition < settings.endToEndRepetitions(); repetition++) {
          List<Vhds> vhds = driver.uploadVhds(lifecycles);
          long started = System.nanoTime();
          measured.addAll(run(pool, driver, vhds));
          rate.add(lifecycles / ((System.nanoTime() - started) / 1e9));
        }
        report.add(Figure.of(SECTION, "lifecycles/s, onboarding to offer live, real services", "1/s", rate, null,
            lifecycles + " lifecycles per repetition; " + setting));
        report.add(Figure.single(SECTION, "task completions that lost an optimistic lock to a job", "",
            driver.people.optimisticLockingFailures(), null, "tried again by the emulated person"));
        StageTimes.fromHistory(context.getBean(DataSource.class), measured, driver.people.tasksSeen())
            .addTo(report, SECTION);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** The product's adapters pointed at the local services: GreenMail for SMTP, Azurite for the reports. */
  static Map<String, Object> realServices() {
    return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", MailServer.port(),
        "onboarding.storage.report-connection-string", Azurite.instance().connectionString());
  }

  /** The job executor as the product's PostgreSQL profile sets it, sized by {@code threads}. */
  static Map<String, Object> jobExecutor(int threads, long waitMillis) {
    return Map.of("camunda.bpm.job-execution.enabled", true,
        "camunda.bpm.job-execution.core-pool-size", threads,
        "camunda.bpm.job-execution.max-pool-size", 2 * threads,
        "camunda.bpm.job-execution.queue-capacity", 2 * threads,
        "camunda.bpm.job-execution.max-jobs-per-acquisition", 2 * threads,
        "camunda.bpm.job-execution.wait-time-in-millis", waitMillis,
        "camunda.bpm.job-execution.max-wait", waitMillis,
        "camunda.bpm.job-execution.lock-time-in-millis", 600_000);
  }

  private static List<Lifecycle> run(ExecutorService pool, Driver driver, int count) throws Exception {
    return run(pool, driver, driver.uploadVhds(count));
  }

  private static List<Lifecycle> run(ExecutorService pool, Driver driver, List<Vhds> vhds) throws Exception {
    List<Future<Lifecycle>> running = new ArrayList<>();
    for (Vhds disks : vhds) {
      running.add(pool.submit(() -> driver.lifecycle(disks)));
    }
    List<Lifecycle> done = new ArrayList<>();
    for (Future<Lifecycle> lifecycle : running) {
      done.add(lifecycle.get());
    }
    return done;
  }

  /** One ISV's lifecycle through the product's Java API, as its people would take it. */
  static final class Driver {

    private final ApplicationService applications;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final SampleVmServer vm;
    private final Azurite azurite;
    final PeopleAwaitingJobs people;

    Driver(ConfigurableApplicationContext context, SampleVmServer vm, Azurite azurite) {
      ProcessEngine engine = context.getBean(ProcessEngine.class);
      this.applications = context.getBean(ApplicationService.class);
      this.runtimeService = engine.getRuntimeService();
      this.historyService = engine.getHistoryService();
      this.identityService = engine.getIdentityService();
      this.vm = vm;
      this.azurite = azurite;
      StaffUsers.ensure(identityService, Actor.REVIEWER.userId(), Groups.REVIEWERS, STAFF_PASSWORD);
      StaffUsers.ensure(identityService, Actor.ACCOUNT_MANAGER.userId(), Groups.ACCOUNT_MANAGERS, STAFF_PASSWORD);
      StaffUsers.ensure(identityService, Actor.SUPPORT.userId(), Groups.SUPPORT, STAFF_PASSWORD);
      String releaseAt = firstReleaseTime(context.getBean(ReleaseTimes.class), context.getBean(BusinessCalendar.class));
      this.people = new PeopleAwaitingJobs(engine, answers(releaseAt), Set.of("timerReleaseAt"),
          LIFECYCLE_TIMEOUT_MILLIS);
    }

    Lifecycle lifecycle(Vhds vhds) {
      String email = "isv-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
      String onboarding = applications.submit(ApplicationFixtures.unique(email)).processInstanceId();
      people.driveToEnd(onboarding);
      String publisherId = (String) variable(onboarding, "publisherId");
      Actor isv = Actor.isv(publisherId);

      Map<String, Object> submission = new HashMap<>(SubmissionFixtures.variables(SubmissionFixtures.onSampleVm(vm,
          SubmissionFixtures.linux(vhds.os(), "0=" + vhds.data0()))));
      String image = isv.act(identityService,
          () -> runtimeService.startProcessInstanceByKey(ImageCertification.KEY, submission).getId());
      people.driveToEnd(image);
      expect(image, "certified", true);

      String release = isv.act(identityService,
          () -> runtimeService.startProcessInstanceByKey(OfferReleaseProcess.KEY, ReleaseFixtures.byolContent()).getId());
      people.driveToEnd(release);
      expect(release, "releaseStatus", "released");
      return new Lifecycle(onboarding, image, release);
    }

    /** An OS disk (30 GiB) and a data disk (10 GiB) per ISV, sparse page blobs in a container of its own. */
    List<Vhds> uploadVhds(int count) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      List<Vhds> uploaded = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String container = azurite.createContainer();
        uploaded.add(new Vhds(vhd(container, "os.vhd", 30 * VhdFooters.GIB, now),
            vhd(container, "data0.vhd", 10 * VhdFooters.GIB, now)));
      }
      return uploaded;
    }

    private String vhd(String container, String name, long size, OffsetDateTime now) {
      azurite.sparsePageBlob(container, name, size, VhdFooters.fixed(size).toBytes());
      return azurite.sasUri(container, name, "rl", now.minusHours(1), now.plusDays(30));
    }

    private void expect(String processInstanceId, String name, Object value) {
      Object actual = variable(processInstanceId, name);
      if (!value.equals(actual)) {
        throw new IllegalStateException("instance " + processInstanceId + " ended with " + name + "=" + actual
            + ", not " + value);
      }
    }

    private Object variable(String processInstanceId, String name) {
      List<HistoricVariableInstance> found = historyService.createHistoricVariableInstanceQuery()
          .processInstanceId(processInstanceId).variableName(name).list();
      return found.isEmpty() ? null : found.get(0).getValue();
    }
  }

  /** Every user task of the happy path: who completes it and what they decide. */
  private static Map<String, PeopleAwaitingJobs.Answer> answers(String releaseAt) {
    java.util.function.Function<java.util.function.Function<String, Object>, Actor> isv =
        variable -> Actor.isv((String) variable.apply("publisherId"));
    return Map.of(
        "reviewApplication", PeopleAwaitingJobs.Answer.fixed(variable -> Actor.REVIEWER,
            Map.of("reviewDecision", "approve", "reviewComment", "欢迎加入")),
        "callApplicant", PeopleAwaitingJobs.Answer.fixed(variable -> Actor.ACCOUNT_MANAGER,
            Map.of("callOutcome", "reached", "callNotes", "OK")),
        "activatePublishing", new PeopleAwaitingJobs.Answer(isv,
            variable -> Map.of("credentialType", "partnerId", "credential", PartnerIds.unused())),
        "reviewImageSize", PeopleAwaitingJobs.Answer.fixed(variable -> Actor.SUPPORT,
            Map.of("reviewDecision", "approve", "reviewComment", "OK")),
        "answerQuestionnaire", PeopleAwaitingJobs.Answer.fixed(isv, SubmissionFixtures.completeQuestionnaire()),
        "reviewSubmission", PeopleAwaitingJobs.Answer.fixed(variable -> Actor.SUPPORT,
            Map.of("reviewDecision", "approve")),
        "verifyStaging", PeopleAwaitingJobs.Answer.fixed(isv,
            Map.of("stagingDecision", "requestProduction", "preferredWindow", "as soon as possible")),
        "scheduleRelease", PeopleAwaitingJobs.Answer.fixed(variable -> Actor.SUPPORT, Map.of("releaseAt", releaseAt)));
  }

  /**
   * The first time support may agree (REL-1: a business day's working hours, no freeze); the
   * emulated people then make the release timer due at once, as if that time had come.
   */
  private static String firstReleaseTime(ReleaseTimes times, BusinessCalendar calendar) {
    Instant now = Instant.now();
    ZonedDateTime day = now.atZone(calendar.zone()).with(LocalTime.of(10, 0));
    for (int days = 1; days <= 60; days++) {
      String candidate = day.plusDays(days).toOffsetDateTime().toString();
      if (!times.check(candidate, now).finding().failed()) {
        return candidate;
      }
    }
    throw new IllegalStateException("no release time in the next 60 days passes REL-1");
  }
}
