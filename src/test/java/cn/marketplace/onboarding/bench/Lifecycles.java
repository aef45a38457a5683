package cn.marketplace.onboarding.bench;

import cn.marketplace.onboarding.application.ApplicationFixtures;
import cn.marketplace.onboarding.application.ApplicationForm;
import cn.marketplace.onboarding.application.ApplicationService;
import cn.marketplace.onboarding.offer.SubmissionFixtures;
import cn.marketplace.onboarding.offer.SubmissionService;
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
 * the product's, started the way the product's users start them, and the bare twins', started with
 * the same input plus the decisions our delegates would have made (the bare ones make none). Each
 * {@link #run} returns the nanoseconds each stage took.
 */
final class Lifecycles {

  /** What one lifecycle's stages took, in nanoseconds. */
  record Took(long onboarding, long certification) {

    long total() {
      return onboarding + certification;
    }
  }

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
    this.people = new EmulatedPeople(engine, EmulatedPeople.HAPPY_PATH);
    this.bare = bare;
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
    long started = System.nanoTime();
    String publisherId = onboarding();
    long onboarded = System.nanoTime();
    certification(publisherId);
    return new Took(onboarded - started, System.nanoTime() - onboarded);
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
      instance = runtimeService.startProcessInstanceByKey(BareTwins.keyOf(ApplicationService.PROCESS_KEY), variables)
          .getId();
    } else {
      instance = applications.submit(form).processInstanceId();
    }
    people.driveToEnd(instance);
    return (String) variable(instance, "publisherId");
  }

  /** imageCertification from Tasklist's start form to accepted VHDs (and certified, once that stage exists). */
  private void certification(String publisherId) {
    Map<String, Object> variables = new HashMap<>(SubmissionFixtures.variables(SubmissionFixtures.linux(
        sasUri("os"), "0=" + sasUri("data0") + "\n1=" + sasUri("data1"))));
    if (bare) {
      // what registerSubmission and checkSubmission decide in the product
      variables.put("publisherId", publisherId);
      variables.put("submissionId", UUID.randomUUID().toString());
      variables.put("checkOutcome", "accepted");
    }
    String key = bare ? BareTwins.keyOf(SubmissionService.PROCESS_KEY) : SubmissionService.PROCESS_KEY;
    String instance = Actor.isv(publisherId).act(engine.getIdentityService(),
        () -> runtimeService.startProcessInstanceByKey(key, variables).getId());
    people.driveToEnd(instance);
    if (!bare && !Boolean.TRUE.equals(variable(instance, "vhdsAccepted"))) {
      throw new IllegalStateException("the benchmark's submission was not accepted: " + variable(instance, "checkOutcome"));
    }
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
