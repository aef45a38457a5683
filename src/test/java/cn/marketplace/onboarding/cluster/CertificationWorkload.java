package cn.marketplace.onboarding.cluster;

import cn.marketplace.onboarding.cluster.OnboardingWorkload.PublisherLogin;
import cn.marketplace.onboarding.submission.vhd.VhdFooters;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.testsupport.Azurite;
import cn.marketplace.onboarding.testsupport.SampleVmServer;
import cn.marketplace.onboarding.testsupport.cluster.NodeClient;
import cn.marketplace.onboarding.testsupport.cluster.ProductNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code imageCertification} end to end: the publishers the onboarding activated submit a Linux
 * image each ({@code POST /api/submissions}, signed in with their mailed password): a 30 GiB OS
 * VHD in Azurite, the certification VM a sample VM over real SSH; the checks and the tests run on
 * the nodes; the publisher answers the questionnaire over the engine REST API; the report is stored.
 * Each submission is an offer of its own with one SKU, released later by {@link ReleaseWorkload}.
 */
final class CertificationWorkload implements Workload {

  private static final long OS_DISK = 30L << 30;

  private final OnboardingWorkload onboarding;
  private final SampleVmServer vm;
  private final String osVhdUri;
  private final List<Submission> submissions = new ArrayList<>();

  /** A submitted image: whose, which offer, its instance; answered once its questionnaire is done. */
  static final class Submission {
    final PublisherLogin publisher;
    final String offerId;
    final String processInstanceId;
    boolean answered;

    Submission(PublisherLogin publisher, String offerId, String processInstanceId) {
      this.publisher = publisher;
      this.offerId = offerId;
      this.processInstanceId = processInstanceId;
    }
  }

  CertificationWorkload(OnboardingWorkload onboarding, Azurite storage, SampleVmServer vm) {
    this.onboarding = onboarding;
    this.vm = vm;
    String container = storage.createContainer();
    storage.sparsePageBlob(container, "os.vhd", OS_DISK, VhdFooters.fixed(OS_DISK).toBytes());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // every submission reads the same VHD: only its footer is read
    osVhdUri = storage.sasUri(container, "os.vhd", "rl", now.minusHours(1), now.plusDays(30));
  }

  @Override
  public void start(int count, List<ProductNode> nodes) {
    for (int i = 0; i < count; i++) {
      submit(nodes.get(i % nodes.size()), vm.port());
    }
  }

  /** One submission through {@code node} whose certification VM answers on {@code vmPort}; answers its instance. */
  String submit(ProductNode node, int vmPort) {
    List<PublisherLogin> publishers = onboarding.activePublishers();
    PublisherLogin publisher = publishers.get(submissions.size() % publishers.size());
    String offerId = "cluster-db-" + submissions.size();
    Map<String, Object> form = SubmissionFixtures.variables(SubmissionFixtures.linux(osVhdUri, null));
    form.putAll(Map.of("offerId", offerId, "vmHost", vm.host(), "vmPort", vmPort, "vmUser", SampleVmServer.USER,
        "vmPassword", SampleVmServer.PASSWORD));
    JsonNode created = NodeClient.as(node, publisher.login(), publisher.password()).post("/api/submissions", form)
        .expect(201).body();
    Submission submission = new Submission(publisher, offerId, created.get("processInstanceId").asText());
    submissions.add(submission);
    return submission.processInstanceId;
  }

  /** Each publisher answers the questionnaire of its certified submissions; the reports are stored after. */
  @Override
  public void driveToEnd(List<ProductNode> nodes) {
    List<Submission> open = submissions.stream().filter(s -> !s.answered).toList();
    for (int i = 0; i < open.size(); i++) {
      Submission submission = open.get(i);
      NodeClient publisher = NodeClient.as(nodes.get(i % nodes.size()), submission.publisher.login(),
          submission.publisher.password());
      String task = Tasks.awaitTask(publisher, submission.processInstanceId, "answerQuestionnaire");
      publisher.post("/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
          "endorsedDistribution", typed("yes"), "latestUpdatesInstalled", typed("yes"),
          "securityGuidanceFollowed", typed("yes"), "noSharedCredentials", typed("yes"),
          "generalizedLastStep", typed("yes"), "softwareLicensed", typed("yes"),
          "collectsCustomerData", typed("no"), "kernelCustomisation", typed("none"),
          "sshAccessNotes", typed("Port 22 is open to the certification network only"),
          "answersConfirmed", Map.of("value", true, "type", "Boolean")))).expect(204);
      submission.answered = true;
    }
  }

  @Override
  public List<String> processInstanceIds() {
    return submissions.stream().map(s -> s.processInstanceId).toList();
  }

  @Override
  public int expectedMails() {
    // a certification that passes at once mails nobody
    return 0;
  }

  /** Submissions whose questionnaire was answered: certified once their instance ended. */
  List<Submission> certified() {
    return submissions.stream().filter(s -> s.answered).toList();
  }

  private static Map<String, Object> typed(String value) {
    return Map.of("value", value, "type", "String");
  }
}
