package cn.marketplace.onboarding.cluster;

import cn.marketplace.onboarding.cluster.CertificationWorkload.Submission;
import cn.marketplace.onboarding.testsupport.cluster.NodeClient;
import cn.marketplace.onboarding.testsupport.cluster.ProductNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code offerRelease} end to end for the offers {@link CertificationWorkload} certified: the
 * publisher starts the release ({@code POST /api/releases}), support approves it, the publisher
 * verifies the staging entry and asks for production, support agrees a time (REL-1 refuses one
 * outside working hours, so support tries the next business day, as in Tasklist), and when the
 * time should come an administrator makes the release timer due now, as an operator can in
 * Cockpit or with {@code PUT /engine-rest/job/{id}/duedate}. The release goes live and is mailed.
 */
final class ReleaseWorkload implements Workload {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DUE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final CertificationWorkload certification;
  private final Login support;
  private final Login administrator;
  private final List<Release> releases = new ArrayList<>();
  private ZonedDateTime agreedTime;

  /** A user's sign-in. */
  record Login(String user, String password) {
    NodeClient on(ProductNode node) {
      return NodeClient.as(node, user, password);
    }
  }

  private enum Stage { STARTED, SCHEDULED, DUE }

  private static final class Release {
    final Submission offer;
    final String processInstanceId;
    Stage stage = Stage.STARTED;

    Release(Submission offer, String processInstanceId) {
      this.offer = offer;
      this.processInstanceId = processInstanceId;
    }

    NodeClient publisher(ProductNode node) {
      return NodeClient.as(node, offer.publisher.login(), offer.publisher.password());
    }
  }

  ReleaseWorkload(CertificationWorkload certification, Login support, Login administrator) {
    this.certification = certification;
    this.support = support;
    this.administrator = administrator;
  }

  /** Releases of {@code count} certified offers not released yet. */
  @Override
  public void start(int count, List<ProductNode> nodes) {
    Set<String> released = releases.stream().map(r -> r.offer.processInstanceId).collect(Collectors.toSet());
    List<Submission> offers = certification.certified().stream()
        .filter(s -> !released.contains(s.processInstanceId)).limit(count).toList();
    if (offers.size() < count) {
      throw new IllegalStateException("only " + offers.size() + " certified offers left to release, " + count + " wanted");
    }
    for (int i = 0; i < count; i++) {
      Submission offer = offers.get(i);
      JsonNode started = NodeClient.as(nodes.get(i % nodes.size()), offer.publisher.login(), offer.publisher.password())
          .post("/api/releases", Map.of("offerId", offer.offerId, "titleZh", "康托索数据库", "titleEn", "Contoso DB",
              "summaryZh", "开箱即用的康托索数据库服务器。", "summaryEn", "The Contoso database server, ready to run.",
              "descriptionZh", "在 Ubuntu 22.04 上预装并调优的康托索数据库。",
              "descriptionEn", "Contoso DB preinstalled and tuned on Ubuntu 22.04."))
          .expect(201).body();
      releases.add(new Release(offer, started.get("processInstanceId").asText()));
    }
  }

  @Override
  public void driveToEnd(List<ProductNode> nodes) {
    driveToScheduled(nodes);
    List<Release> scheduled = inStage(Stage.SCHEDULED);
    for (int i = 0; i < scheduled.size(); i++) {
      NodeClient admin = administrator.on(nodes.get(i % nodes.size()));
      String timer = Tasks.awaitJob(admin, scheduled.get(i).processInstanceId, "timerReleaseAt");
      admin.put("/engine-rest/job/" + timer + "/duedate",
          Map.of("duedate", DUE_DATE.format(ZonedDateTime.now().minusSeconds(1)))).expect(204);
      scheduled.get(i).stage = Stage.DUE;
    }
  }

  /** Support reviews, the publisher verifies staging, support schedules: the releases wait for their time. */
  void driveToScheduled(List<ProductNode> nodes) {
    List<Release> started = inStage(Stage.STARTED);
    for (int i = 0; i < started.size(); i++) {
      Release release = started.get(i);
      NodeClient staff = support.on(nodes.get(i % nodes.size()));
      Tasks.complete(staff, Tasks.awaitTask(staff, release.processInstanceId, "reviewSubmission"),
          Map.of("reviewDecision", "approve"));
    }
    for (int i = 0; i < started.size(); i++) {
      Release release = started.get(i);
      NodeClient publisher = release.publisher(nodes.get(i % nodes.size()));
      Tasks.complete(publisher, Tasks.awaitTask(publisher, release.processInstanceId, "verifyStaging"),
          Map.of("stagingDecision", "requestProduction", "preferredWindow", "the next business morning"));
    }
    for (int i = 0; i < started.size(); i++) {
      Release release = started.get(i);
      NodeClient staff = support.on(nodes.get(i % nodes.size()));
      schedule(staff, Tasks.awaitTask(staff, release.processInstanceId, "scheduleRelease"));
      release.stage = Stage.SCHEDULED;
    }
  }

  /**
   * The release time comes now for every scheduled release: an administrator runs each release
   * timer on {@code node} ({@code POST /engine-rest/job/{id}/execute}), so that {@code node} creates
   * the release step and its own job executor takes it at once.
   */
  void releaseScheduledOn(ProductNode node) {
    NodeClient admin = administrator.on(node);
    for (Release release : inStage(Stage.SCHEDULED)) {
      admin.post("/engine-rest/job/" + Tasks.awaitJob(admin, release.processInstanceId, "timerReleaseAt") + "/execute",
          Map.of()).expect(204);
      release.stage = Stage.DUE;
    }
  }

  /** Support agrees 10:00 Beijing time of the first day REL-1 accepts (a business day outside the freezes). */
  private void schedule(NodeClient staff, String task) {
    ZonedDateTime candidate = agreedTime != null ? agreedTime
        : LocalDate.now(BEIJING).plusDays(1).atTime(10, 0).atZone(BEIJING);
    for (int day = 0; day < 60; day++, candidate = candidate.plusDays(1)) {
      NodeClient.Response answer = staff.post("/engine-rest/task/" + task + "/complete",
          Map.of("variables", Tasks.typed(Map.of("releaseAt", candidate.toOffsetDateTime().toString()))));
      if (answer.status() == 204) {
        agreedTime = candidate;
        return;
      }
      if (!answer.body().path("message").asText().contains("[REL-1]")) {
        throw new AssertionError("scheduleRelease refused for another reason than REL-1: " + answer.body());
      }
    }
    throw new AssertionError("no release time accepted within 60 days");
  }

  @Override
  public List<String> processInstanceIds() {
    return releases.stream().map(r -> r.processInstanceId).toList();
  }

  @Override
  public int expectedMails() {
    // staging address, release time, live to the publisher, live to the support team
    return 4 * releases.size();
  }

  int released() {
    return releases.size();
  }

  private List<Release> inStage(Stage stage) {
    return releases.stream().filter(r -> r.stage == stage).toList();
  }
}
