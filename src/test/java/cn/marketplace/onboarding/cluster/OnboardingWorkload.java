package cn.marketplace.onboarding.cluster;

import static org.awaitility.Awaitility.await;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.testsupport.Mails;
import cn.marketplace.onboarding.testsupport.PartnerIds;
import cn.marketplace.onboarding.testsupport.cluster.NodeClient;
import cn.marketplace.onboarding.testsupport.cluster.ProductNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code publisherOnboarding} end to end: apply (public API), review (reviewers: every sixth
 * application is rejected), call (account managers), and the new publisher activates with its
 * partner ID, signed in with the login and password of its account mail.
 */
final class OnboardingWorkload implements Workload {

  private static final String ACCOUNT_MAIL_SUBJECT = "您的 Azure 镜像市场发布商账号";
  private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(120);

  private final Staff staff;
  private final String runTag = UUID.randomUUID().toString().substring(0, 8);
  private final List<Applicant> applicants = new ArrayList<>();

  /** The staff's credentials on the cluster. */
  record Staff(String reviewer, String manager, String password) {}

  /** An active publisher's sign-in, as its account mail gave it. */
  record PublisherLogin(String login, String password, String email) {}

  private enum Stage { APPLIED, REVIEWED, CALLED, DONE }

  private static final class Applicant {
    final String email;
    final String processInstanceId;
    final boolean approved;
    Stage stage = Stage.APPLIED;
    PublisherLogin login;

    Applicant(String email, String processInstanceId, boolean approved) {
      this.email = email;
      this.processInstanceId = processInstanceId;
      this.approved = approved;
    }
  }

  OnboardingWorkload(Staff staff) {
    this.staff = staff;
  }

  @Override
  public void start(int count, List<ProductNode> nodes) {
    for (int i = 0; i < count; i++) {
      int number = applicants.size();
      String email = "isv-" + runTag + "-" + number + "@cluster.example.cn";
      JsonNode created = NodeClient.anonymous(nodes.get(i % nodes.size()))
          .post("/api/applications", ApplicationFixtures.unique(email)).expect(201).body();
      applicants.add(new Applicant(email, created.get("processInstanceId").asText(), number % 6 != 5));
    }
  }

  @Override
  public void driveToEnd(List<ProductNode> nodes) {
    review(nodes);
    call(nodes);
    activate(nodes);
  }

  /** Reviewers decide every application not yet reviewed; the mails and account issues follow. */
  void review(List<ProductNode> nodes) {
    List<Applicant> those = inStage(Stage.APPLIED);
    completeTasks(those, "reviewApplication", staff.reviewer(), nodes,
        a -> Map.of("reviewDecision", Map.of("value", a.approved ? "approve" : "reject")));
    those.forEach(a -> a.stage = a.approved ? Stage.REVIEWED : Stage.DONE);
  }

  private void call(List<ProductNode> nodes) {
    List<Applicant> those = inStage(Stage.REVIEWED);
    completeTasks(those, "callApplicant", staff.manager(), nodes, a -> Map.of("callOutcome", Map.of("value", "reached")));
    those.forEach(a -> a.stage = Stage.CALLED);
  }

  /** Each new publisher signs in with what its account mail says and activates with its partner ID. */
  private void activate(List<ProductNode> nodes) {
    List<Applicant> those = inStage(Stage.CALLED);
    for (int i = 0; i < those.size(); i++) {
      Applicant applicant = those.get(i);
      await().atMost(STAGE_TIMEOUT).until(() -> Mails.subjects(applicant.email).contains(ACCOUNT_MAIL_SUBJECT));
      PublisherLogin login = new PublisherLogin(Mails.find(applicant.email, "登录名：(\\S+)"),
          Mails.find(applicant.email, "初始密码：(\\S+)"), applicant.email);
      NodeClient publisher = NodeClient.as(nodes.get(i % nodes.size()), login.login(), login.password());
      String task = await().atMost(STAGE_TIMEOUT).until(() -> {
        JsonNode open = publisher.get("/engine-rest/task?maxResults=10&taskDefinitionKey=activatePublishing")
            .expect(200).body();
        return open.isEmpty() ? null : open.get(0).get("id").asText();
      }, Objects::nonNull);
      publisher.post("/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
          "credentialType", Map.of("value", "partnerId"), "credential", Map.of("value", PartnerIds.unused())))).expect(204);
      applicant.login = login;
      applicant.stage = Stage.DONE;
    }
  }

  /** The publishers that activated, oldest first. */
  List<PublisherLogin> activePublishers() {
    return applicants.stream().filter(a -> a.login != null).map(a -> a.login).toList();
  }

  @Override
  public List<String> processInstanceIds() {
    return applicants.stream().map(a -> a.processInstanceId).toList();
  }

  @Override
  public int expectedMails() {
    // approved: approval, account, activation; rejected: rejection
    return applicants.stream().mapToInt(a -> a.approved ? 3 : 1).sum();
  }

  int approved() {
    return (int) applicants.stream().filter(a -> a.approved).count();
  }

  private List<Applicant> inStage(Stage stage) {
    return applicants.stream().filter(a -> a.stage == stage).toList();
  }

  /** Completes the open {@code taskKey} task of each instance as {@code user}, through the nodes in turn. */
  private void completeTasks(List<Applicant> those, String taskKey, String user, List<ProductNode> nodes,
      Function<Applicant, Map<String, Object>> variables) {
    Map<String, String> tasks = awaitTasks(NodeClient.as(nodes.get(0), user, staff.password()), taskKey, those);
    for (int i = 0; i < those.size(); i++) {
      Applicant applicant = those.get(i);
      NodeClient.as(nodes.get(i % nodes.size()), user, staff.password())
          .post("/engine-rest/task/" + tasks.get(applicant.processInstanceId) + "/complete",
              Map.of("variables", variables.apply(applicant))).expect(204);
    }
  }

  /** Task ids by process instance, once every one of {@code those} has its {@code taskKey} task open. */
  private Map<String, String> awaitTasks(NodeClient client, String taskKey, List<Applicant> those) {
    return await().atMost(STAGE_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
      Map<String, String> open = new HashMap<>();
      client.get("/engine-rest/task?maxResults=2000&taskDefinitionKey=" + taskKey).expect(200).body()
          .forEach(task -> open.put(task.get("processInstanceId").asText(), task.get("id").asText()));
      return open;
    }, open -> those.stream().allMatch(a -> open.containsKey(a.processInstanceId)));
  }
}
