package cn.marketplace.onboarding.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.TasklistFilters;
import cn.marketplace.onboarding.notification.MailService;
import cn.marketplace.onboarding.cluster.ReleaseWorkload.Login;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.MailServer;
import cn.marketplace.onboarding.testsupport.PostgresServer;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.StallingRelay;
import cn.marketplace.onboarding.testsupport.TestKeys;
import cn.marketplace.onboarding.testsupport.cluster.NodeClient;
import cn.marketplace.onboarding.testsupport.cluster.ProductNode;
import cn.marketplace.onboarding.testsupport.cluster.SmtpRelay;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The product as a cluster: two nodes of the real application in JVMs of their own on one fresh
 * PostgreSQL database (always PostgreSQL, also when the rest of the suite runs on H2), driven over
 * HTTP as users drive it: publishers onboarded, their images certified (VHDs in an Azurite of the
 * test's own, the certification VM a sample VM over real SSH) and their offers released. Mail goes
 * to GreenMail through a relay per node that can break SMTP. The phases share the nodes and build
 * on each other; after each, every instance so far has ended once, and each account, publisher,
 * certification report, release and mail exists once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisabledIfSystemProperty(named = "test.database", matches = "postgres",
    disabledReason = "its nodes run on PostgreSQL in every pass: the suite's PostgreSQL pass would run it twice")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final String STAFF_PASSWORD = "Cluster-Staff-Passw0rd!";
  private static final String REVIEWER = "reviewer-cluster";
  private static final String MANAGER = "manager-cluster";
  private static final String OPERATOR = "ops-cluster";
  private static final String SUPPORT = "support-cluster";
  /** The tests' key for secrets at rest, the same on both nodes as a cluster needs (ONBOARDING_SECRETS_KEY). */
  private static final String SECRETS_KEY = "pTGizkKUkl2wSbcACdhgatUeN0xx/gZLaiq582sFuKY=";
  /** How long a killed node's jobs stay locked before the other node may take them. */
  private static final Duration LOCK_TIME = Duration.ofSeconds(8);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final Path work = Path.of("target", "cluster", String.valueOf(ProcessHandle.current().pid())).toAbsolutePath();
  private final Path partnerDirectory = work.resolve("partner-directory.csv");
  private PostgresServer.Database database;
  private SmtpRelay relayA;
  private SmtpRelay relayB;
  private ProductNode nodeA;
  private ProductNode nodeB;
  private NodeClient admin;
  private Azurite storage;
  private SampleVmServer vm;
  private StallingRelay vmNetwork;
  private OnboardingWorkload onboarding;
  private CertificationWorkload certification;
  private ReleaseWorkload release;
  private List<Workload> workloads;

  @BeforeAll
  void startTwoNodesTogetherOnAnEmptyDatabase() throws IOException {
    // GreenMail's threads throw when a killed node's mail breaks off: that is the test, not a failure
    Awaitility.doNotCatchUncaughtExceptionsByDefault();
    Files.createDirectories(work);
    Files.copy(Path.of("src/test/resources/test-partner-directory.csv"), partnerDirectory);
    database = PostgresServer.createDatabase("onboarding_cluster");
    storage = Azurite.onDisk(work.resolve("azurite"));
    vm = SampleVmServer.start(TestKeys.ed25519()).serve("ubuntu-22.04-good");
    vmNetwork = new StallingRelay(vm.port());
    MailServer.purge();
    relayA = new SmtpRelay(MailServer.port());
    relayB = new SmtpRelay(MailServer.port());
    nodeA = node("node-a", relayA).start();
    nodeB = node("node-b", relayB).start();
    nodeA.awaitReady();
    nodeB.awaitReady();

    admin = NodeClient.as(nodeA, "admin", initialAdminPassword());
    staff(REVIEWER, Groups.REVIEWERS);
    staff(MANAGER, Groups.ACCOUNT_MANAGERS);
    staff(OPERATOR, Groups.OPERATIONS);
    staff(SUPPORT, Groups.SUPPORT);
    onboarding = new OnboardingWorkload(new OnboardingWorkload.Staff(REVIEWER, MANAGER, STAFF_PASSWORD));
    certification = new CertificationWorkload(onboarding, storage, vm);
    release = new ReleaseWorkload(certification, new Login(SUPPORT, STAFF_PASSWORD),
        new Login("admin", initialAdminPassword()));
    workloads = List.of(onboarding, certification, release);
  }

  @AfterAll
  void stopNodes() throws IOException, SQLException {
    Awaitility.reset();
    for (ProductNode node : new ProductNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.kill();
      }
    }
    for (SmtpRelay relay : new SmtpRelay[] {relayA, relayB}) {
      if (relay != null) {
        relay.close();
      }
    }
    if (vmNetwork != null) {
      vmNetwork.close();
    }
    if (vm != null) {
      vm.close();
    }
    if (storage != null) {
      storage.stop();
    }
    if (database != null) {
      database.drop();
    }
  }

  @Test
  @Order(1)
  void bothNodesShareTheWorkAndEveryInstanceEndsOnce() throws SQLException {
    List<ProductNode> both = List.of(nodeA, nodeB);
    // 20 publishers onboarded (every sixth application is rejected), 10 of them certify an image,
    // 8 release their offer; 2 certified offers are left for the next phase
    Map<Workload, Integer> instances = new LinkedHashMap<>();
    instances.put(onboarding, 24);
    instances.put(certification, 10);
    instances.put(release, 8);
    instances.forEach((workload, count) -> {
      workload.start(count, both);
      workload.driveToEnd(both);
    });

    assertEveryInstanceEndedAndNothingHappenedTwice();
    for (String process : List.of("publisherOnboarding", "imageCertification", "offerRelease")) {
      assertThat(query("select distinct HOSTNAME_ from ACT_HI_JOB_LOG where JOB_STATE_ = 2 and PROCESS_DEF_KEY_ = '"
          + process + "'", row -> row.getString(1))).as("nodes that executed jobs of " + process)
          .contains("node-a", "node-b");
    }
    // the two nodes started together on an empty database: their start-up setup took turns
    assertThat(count("select count(*) from ACT_RU_FILTER where NAME_ = '" + TasklistFilters.APPLICATIONS_TO_REVIEW + "'")).isOne();
    assertThat(count("select count(*) from ACT_ID_MEMBERSHIP where GROUP_ID_ = 'camunda-admin'")).isOne();
  }

  @Test
  @Order(2)
  void aNodeKilledDuringAccountIssuesAndReleasesDoesNothingTwiceAndTheOtherNodeFinishes() throws SQLException {
    String accountMail = MailService.KEY_HEADER + ": account-issued:";
    release.start(2, List.of(nodeB));
    release.driveToScheduled(List.of(nodeB));
    Timestamp phaseStart = Timestamp.from(Instant.now());
    try (Connection slowDatabase = database.connect()) {
      // the releases' table is locked, as by a slow statement elsewhere: a release to production
      // waits inside its transaction, the offer marked live but not committed
      slowDatabase.setAutoCommit(false);
      try (Statement lock = slowDatabase.createStatement()) {
        lock.execute("lock table offer_release in exclusive mode");
      }
      relayB.holdMailsContaining(accountMail);
      // the release time comes on node B: it starts to release both offers
      release.releaseScheduledOn(nodeB);
      onboarding.start(6, List.of(nodeB));
      onboarding.review(List.of(nodeB));
      // node B is inside releases to production and inside account issues (account and password
      // written, the mail on its way), every transaction open
      await().atMost(TIMEOUT).until(() -> relayB.held(accountMail) > 0
          && count("select count(*) from pg_stat_activity where datname = current_database()"
              + " and wait_event_type = 'Lock' and query like '%offer_release%'") > 0);
      nodeB.kill();
      relayB.reset();
      slowDatabase.rollback();
    }

    onboarding.driveToEnd(List.of(nodeA));
    release.driveToEnd(List.of(nodeA));

    assertEveryInstanceEndedAndNothingHappenedTwice();
    for (String step : List.of("issueAccount", "releaseToProduction")) {
      // jobs node B took in this phase and never finished; node A finished each (the ones it took
      // over after the lock time while B still hung in the send, and the ones left when B died)
      String unfinishedByNodeB = "select distinct JOB_ID_ from ACT_HI_JOB_LOG b where ACT_ID_ = '" + step
          + "' and HOSTNAME_ = 'node-b' and TIMESTAMP_ > '" + phaseStart + "' and not exists (select 1 from"
          + " ACT_HI_JOB_LOG s where s.JOB_ID_ = b.JOB_ID_ and s.HOSTNAME_ = 'node-b' and s.JOB_STATE_ = 2)";
      long interrupted = count("select count(*) from (" + unfinishedByNodeB + ") j");
      assertThat(interrupted).as(step + " jobs node B never finished").isPositive();
      assertThat(count("select count(distinct JOB_ID_) from ACT_HI_JOB_LOG where HOSTNAME_ = 'node-a' and JOB_STATE_ = 2"
          + " and JOB_ID_ in (" + unfinishedByNodeB + ")")).as(step + " jobs node A finished for node B")
          .isEqualTo(interrupted);
    }
  }

  @Test
  @Order(3)
  void stepsFailingInAnOutageBecomeIncidentsAndResumeWhenAnOperatorRetries() throws IOException, SQLException {
    List<ProductNode> survivor = List.of(nodeA);
    relayA.down();
    onboarding.start(1, survivor);
    String instance = onboarding.processInstanceIds().get(onboarding.processInstanceIds().size() - 1);
    onboarding.review(survivor);
    outageBecomesIncidentThenResumes(instance, "mailApproval", 4, relayA::pass);

    Path moved = partnerDirectory.resolveSibling("partner-directory.moved");
    Files.move(partnerDirectory, moved);
    onboarding.driveToEnd(survivor);
    outageBecomesIncidentThenResumes(instance, "verifyCredential", 4, () -> move(moved, partnerDirectory));

    // the blob storage is down when the image is submitted, and the ISV's VM stops answering
    storage.stop();
    vmNetwork.stall();
    String submission = certification.submit(nodeA, vmNetwork.port());
    outageBecomesIncidentThenResumes(submission, "checkSubmission", 4, storage::restart);
    outageBecomesIncidentThenResumes(submission, "runLinuxCertification", 2, vmNetwork::resume);
    certification.driveToEnd(survivor);

    assertEveryInstanceEndedAndNothingHappenedTwice();
  }

  @Test
  @Order(4)
  void aRestartedNodeKeepsEveryInstanceTaskAndTimer() throws SQLException {
    // two applicants wait for their call, two for their review (with its overdue timer)
    onboarding.start(2, List.of(nodeA));
    onboarding.review(List.of(nodeA));
    onboarding.start(2, List.of(nodeA));
    await().atMost(TIMEOUT).until(() -> count("select count(*) from ACT_RU_TASK") == 4
        && count("select count(*) from ACT_RU_JOB where TYPE_ = 'message'") == 0);
    String waiting = "select count(*) from ACT_RU_EXECUTION where ID_ = PROC_INST_ID_";
    long instancesBefore = count(waiting);
    List<String> tasksBefore = query("select ID_ from ACT_RU_TASK order by ID_", row -> row.getString(1));
    List<String> timersBefore = query("select ID_ from ACT_RU_JOB where TYPE_ = 'timer' order by ID_",
        row -> row.getString(1));
    assertThat(timersBefore).as("review overdue timers").hasSize(2);

    nodeA.stop();
    nodeA = node("node-a", relayA).start();
    nodeA.awaitReady();

    assertThat(count(waiting)).as("instances after the restart").isEqualTo(instancesBefore);
    assertThat(query("select ID_ from ACT_RU_TASK order by ID_", row -> row.getString(1))).isEqualTo(tasksBefore);
    assertThat(query("select ID_ from ACT_RU_JOB where TYPE_ = 'timer' order by ID_", row -> row.getString(1)))
        .isEqualTo(timersBefore);
    for (Workload workload : workloads) {
      workload.driveToEnd(List.of(nodeA));
    }
    assertEveryInstanceEndedAndNothingHappenedTwice();
  }

  // ----------------------------------------------------------------------------------------------

  private ProductNode node(String name, SmtpRelay relay) {
    return ProductNode.on(database, name, relay.port(), work, Map.of(
        "camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_TIME.toMillis()),
        "camunda.bpm.job-execution.max-wait", "2000",
        "onboarding.partner-directory.file", "file:" + partnerDirectory,
        // the ISVs' VHDs are in Azurite, on the loopback address over plain http
        "onboarding.storage.allowed-hosts", "127.0.0.1",
        "onboarding.storage.allow-http", "true",
        "onboarding.storage.request-timeout", "2s",
        "onboarding.storage.max-retries", "1",
        "onboarding.secrets.key", SECRETS_KEY,
        "onboarding.certification.connect-timeout", "5s",
        "onboarding.certification.read-timeout", "5s"));
  }

  /**
   * The step {@code activityId} of {@code instance} fails in an outage: it is retried on its cycle
   * ({@code retriesLeft} after the first failure), and becomes an incident operations see once its
   * retries run out (forced here: the cycles are minutes); once {@code outageEnds}, an
   * administrator retries it and it succeeds.
   */
  private void outageBecomesIncidentThenResumes(String instance, String activityId, int retriesLeft,
      Runnable outageEnds) {
    String jobs = "/engine-rest/job?maxResults=10&withException=true&processInstanceId=" + instance
        + "&activityId=" + activityId;
    JsonNode failed = await().atMost(TIMEOUT).until(() -> admin.get(jobs).expect(200).body(), found -> !found.isEmpty())
        .get(0);
    assertThat(failed.get("retries").asInt()).as("retries left after the first failure of " + activityId)
        .isEqualTo(retriesLeft);
    String job = failed.get("id").asText();
    runNow(job, 1);

    NodeClient operator = NodeClient.as(nodeA, OPERATOR, STAFF_PASSWORD);
    JsonNode incidents = await().atMost(TIMEOUT).until(() -> operator.get(
        "/engine-rest/incident?maxResults=10&processInstanceId=" + instance).expect(200).body(), found -> !found.isEmpty());
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).get("incidentType").asText()).isEqualTo("failedJob");
    assertThat(incidents.get(0).get("activityId").asText()).isEqualTo(activityId);

    outageEnds.run();
    runNow(job, 1);
    await().atMost(TIMEOUT).until(() -> operator.get("/engine-rest/incident?maxResults=10&processInstanceId=" + instance)
        .expect(200).body().isEmpty());
  }

  /** What an operator does in Cockpit: give the job retries, and make it due now. */
  private void runNow(String job, int retries) {
    admin.put("/engine-rest/job/" + job + "/retries", Map.of("retries", retries)).expect(204);
    admin.put("/engine-rest/job/" + job + "/duedate", Map.of("duedate",
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(ZonedDateTime.now().minusSeconds(1))))
        .expect(204);
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whichever node created the administrator wrote its password; the other found it there. */
  private String initialAdminPassword() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String node : new String[] {"node-a", "node-b"}) {
      Path file = work.resolve(node + "-admin-password");
      if (Files.exists(file)) {
        files.add(file);
      }
    }
    assertThat(files).as("administrator password files").hasSize(1);
    return Files.readString(files.get(0)).strip();
  }

  private void staff(String id, String group) {
    admin.post("/engine-rest/user/create", Map.of("profile", Map.of("id", id, "firstName", id, "lastName", "Team",
        "email", id + "@staff.example.cn"), "credentials", Map.of("password", STAFF_PASSWORD))).expect(204);
    admin.put("/engine-rest/group/" + group + "/members/" + id, Map.of()).expect(204);
  }

  /** The counts that must hold after every phase, over every instance started so far. */
  private void assertEveryInstanceEndedAndNothingHappenedTwice() throws SQLException {
    int started = workloads.stream().mapToInt(w -> w.processInstanceIds().size()).sum();
    String instances = workloads.stream().flatMap(w -> w.processInstanceIds().stream())
        .map(id -> "'" + id + "'").collect(Collectors.joining(","));
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> count(
        "select count(*) from ACT_HI_PROCINST where END_TIME_ is not null and ID_ in (" + instances + ")") == started);

    assertThat(count("select count(*) from ACT_HI_PROCINST where STATE_ = 'COMPLETED' and ID_ in (" + instances + ")"))
        .as("instances completed").isEqualTo(started);
    assertThat(count("select count(*) from ACT_RU_INCIDENT")).as("open incidents").isZero();
    assertThat(count("select count(*) from ACT_HI_VARINST where NAME_ = 'publisherStatus' and TEXT_ = 'active'"))
        .as("active publishers").isEqualTo(onboarding.approved());
    assertThat(count("select count(*) from publisher")).as("publishers").isEqualTo(onboarding.approved());
    assertThat(count("select count(*) from ACT_ID_USER u join publisher p on p.id = u.ID_"))
        .as("publisher accounts").isEqualTo(onboarding.approved());
    assertThat(count("select count(*) from ACT_ID_MEMBERSHIP where GROUP_ID_ = 'publishers'"))
        .as("members of publishers").isEqualTo(onboarding.approved());

    String certifications = certification.processInstanceIds().stream().map(id -> "'" + id + "'")
        .collect(Collectors.joining(","));
    int submissions = certification.processInstanceIds().size();
    assertThat(count("select count(*) from submission where status = 'CERTIFIED' and process_instance_id in ("
        + certifications + ")")).as("certified submissions").isEqualTo(submissions);
    assertThat(count("select count(*) from image_version")).as("image versions").isEqualTo(submissions);
    assertThat(count("select count(*) from certification_report where status = 'CERTIFIED'"))
        .as("certification reports").isEqualTo(submissions);
    assertThat(count("select count(*) from (select submission_id from certification_report group by submission_id"
        + " having count(*) > 1) twice")).as("submissions with more than one report").isZero();

    int released = release.released();
    assertThat(count("select count(*) from offer_release where state = 'LIVE'")).as("live releases").isEqualTo(released);
    assertThat(count("select count(*) from offer_release")).as("releases").isEqualTo(released);
    assertThat(count("select count(*) from offer_release_sku")).as("released SKUs").isEqualTo(released);
    assertThat(count("select count(*) from image_version where status = 'RELEASED'")).as("released image versions")
        .isEqualTo(released);
    assertThat(count("select count(*) from (select PROCESS_INSTANCE_ID_ from ACT_HI_JOB_LOG where ACT_ID_ ="
        + " 'releaseToProduction' and JOB_STATE_ = 2 group by PROCESS_INSTANCE_ID_ having count(*) > 1) twice"))
        .as("releases to production run more than once").isZero();
    assertThat(NodeClient.anonymous(nodeA).get("/api/offers").expect(200).body()).as("the public catalogue")
        .hasSize(released);

    int expectedMails = workloads.stream().mapToInt(Workload::expectedMails).sum();
    assertThat(count("select count(*) from sent_mail")).as("mails in the ledger").isEqualTo(expectedMails);
    Map<String, Long> mailsPerKey = Arrays.stream(MailServer.get().getReceivedMessages())
        .filter(ClusterTest::toClusterPeople)
        .collect(Collectors.groupingBy(ClusterTest::idempotencyKey, Collectors.counting()));
    assertThat(mailsPerKey).as("mails received per idempotency key").hasSize(expectedMails)
        .allSatisfy((key, received) -> assertThat(received).as(key).isOne());
  }

  /** The cluster's applicants and publishers, and its staff. */
  private static boolean toClusterPeople(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Object::toString)
          .anyMatch(a -> a.endsWith("@cluster.example.cn") || a.endsWith("@staff.example.cn"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String idempotencyKey(MimeMessage message) {
    try {
      return message.getHeader(MailService.KEY_HEADER, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String sql) throws SQLException {
    return query(sql, row -> row.getLong(1)).get(0);
  }

  private <T> List<T> query(String sql, SqlRow<T> mapper) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  @FunctionalInterface
  private interface SqlRow<T> {
    T map(ResultSet row) throws SQLException;
  }
}
