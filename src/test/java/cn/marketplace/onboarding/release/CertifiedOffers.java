package cn.marketplace.onboarding.release;

import cn.marketplace.onboarding.catalog.ImageVersion;
import cn.marketplace.onboarding.submission.Submission;
import cn.marketplace.onboarding.submission.SubmissionFixtures;
import cn.marketplace.onboarding.submission.SubmissionForm;
import cn.marketplace.onboarding.submission.SubmissionService;
import cn.marketplace.onboarding.submission.SubmissionSteps;
import cn.marketplace.onboarding.submission.TestPublishers.TestPublisher;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Offers whose SKUs have certified image versions, made through the submission service. The
 * certification stage is built elsewhere: a one-step stand-in instance stands for it, a certified
 * report {@code report-<skuId>-<random>} is written to its table and the version is set CERTIFIED in its own.
 */
final class CertifiedOffers {

  static final String OFFER = "contoso-db";
  private static final String STAND_IN = "certificationStandIn";

  private final SubmissionService submissions;
  private final SubmissionSteps steps;
  private final RuntimeService runtimeService;
  private final JdbcTemplate jdbc;

  CertifiedOffers(SubmissionService submissions, SubmissionSteps steps, RuntimeService runtimeService, RepositoryService repositoryService,
      JdbcTemplate jdbc) {
    this.submissions = submissions;
    this.steps = steps;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
    repositoryService.createDeployment().name(STAND_IN).enableDuplicateFiltering(true)
        .addModelInstance(STAND_IN + ".bpmn", Bpmn.createExecutableProcess(STAND_IN).camundaHistoryTimeToLive(1)
            .startEvent().endEvent().done())
        .deploy();
  }

  /** Offer {@value #OFFER} of {@code isv} with a BYOL SKU {@code standard-2026} and a free-trial SKU {@code trial-2026}, both certified. */
  void twoSkus(TestPublisher isv) {
    certified(isv, "standard-2026", "byol");
    certified(isv, "trial-2026", "freeTrial");
  }

  /** A certified version 1.0.0 of {@code skuId} in offer {@value #OFFER}; its report is {@code report-<skuId>}. */
  ImageVersion certified(TestPublisher isv, String skuId, String pricingModel) {
    ImageVersion version = accepted(isv, skuId, pricingModel);
    jdbc.update("update image_version set status = 'CERTIFIED' where id = ?", version.getId());
    jdbc.update("insert into certification_report (id, submission_id, publisher_id, status, offer_id, sku_id, version,"
        + " os_family, tested_at, certified_at) select ?, s.id, s.publisher_id, 'CERTIFIED', s.offer_id, s.sku_id,"
        + " s.version, s.os_family, current_timestamp, current_timestamp from submission s where s.id = ?",
        "report-" + skuId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8), version.getSubmissionId());
    return version;
  }

  /** A version whose VHDs were accepted, not certified (yet). */
  ImageVersion accepted(TestPublisher isv, String skuId, String pricingModel) {
    SubmissionForm form = SubmissionFixtures.with(SubmissionFixtures.with(SubmissionFixtures.with(
        SubmissionFixtures.linux(), "skuId", skuId), "pricingModel", pricingModel),
        "trialDays", "freeTrial".equals(pricingModel) ? 30 : null);
    String certification = runtimeService.startProcessInstanceByKey(STAND_IN,
        Map.of("certificationReportId", "report-" + skuId)).getId();
    Submission submission = submissions.registerStarted(List.of(isv.group()), form, certification);
    return steps.accept(submission);
  }
}
