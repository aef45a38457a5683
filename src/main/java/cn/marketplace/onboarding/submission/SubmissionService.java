package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.account.ActivePublishers;
import cn.marketplace.onboarding.account.Publisher;
import cn.marketplace.onboarding.engine.AuthorizationGrants;
import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.ImageCertification;
import cn.marketplace.onboarding.rules.Finding;
import cn.marketplace.onboarding.rules.RuleId;
import cn.marketplace.onboarding.security.SecretBox;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How image submissions of active publishers come in, through our API or Tasklist's start form
 * (registered with their secrets encrypted, linked to their instance), and what the API shows of them.
 * The steps of the process on a registered submission are {@link SubmissionSteps}'.
 */
@Service
public class SubmissionService {

  /** Longer SAS URIs are no SAS URIs an ISV pasted; the limit also bounds what is stored. */
  static final int MAX_URI = 2048;

  private final SubmissionRepository submissions;
  private final ActivePublishers activePublishers;
  private final SubmissionCheckRun checkRun;
  private final SecretBox secrets;
  private final RuntimeService runtimeService;
  private final AuthorizationGrants grants;
  private final EngineClock clock;

  SubmissionService(SubmissionRepository submissions, ActivePublishers activePublishers, SubmissionCheckRun checkRun,
      SecretBox secrets, RuntimeService runtimeService, AuthorizationGrants grants, EngineClock clock) {
    this.submissions = submissions;
    this.activePublishers = activePublishers;
    this.checkRun = checkRun;
    this.secrets = secrets;
    this.runtimeService = runtimeService;
    this.grants = grants;
    this.clock = clock;
  }

  /** A submission through the API: registered, then its {@code imageCertification} started with its id only. */
  @Transactional
  public SubmittedSubmission submit(Collection<String> callerGroups, SubmissionForm form) {
    Submission submission = register(activePublisher(callerGroups), form);
    ProcessInstance instance = ProductStarts.start(submission.getId(), () -> runtimeService.startProcessInstanceByKey(
        ImageCertification.KEY, submission.getId(), Map.of(ImageCertification.SUBMISSION_ID, submission.getId(),
            ImageCertification.PUBLISHER_ID, submission.getPublisherId())));
    return new SubmittedSubmission(submission.getId(), instance.getId(), submission.getStatus().name());
  }

  /** The first step of an instance our API started for {@code submissionId}: links the submission to it. */
  @Transactional
  public Submission attachProductStart(String submissionId, String processInstanceId) {
    Submission submission = submissions.findById(submissionId)
        .orElseThrow(() -> new IllegalStateException("no submission " + submissionId));
    attach(submission, processInstanceId);
    return submission;
  }

  /** A submission from Tasklist's start form: its instance exists already. */
  @Transactional
  public Submission registerStarted(Collection<String> starterGroups, SubmissionForm form, String processInstanceId) {
    Submission submission = register(activePublisher(starterGroups), form);
    attach(submission, processInstanceId);
    return submission;
  }



  /**
   * Every check of a submission that is not stored: the dry run of {@code POST /api/submissions/check},
   * open to publishers (active or not yet) and the support team.
   */
  public List<Finding> dryRun(Collection<String> callerGroups, SubmissionForm form) {
    if (!callerGroups.contains(Groups.PUBLISHERS) && !callerGroups.contains(Groups.SUPPORT)) {
      throw new SubmissionRefusedException(SubmissionRefusedException.Reason.NOT_A_PUBLISHER,
          "Only publishers and the marketplace support team may check submissions.");
    }
    String publisherId = Groups.publisherIdOf(callerGroups).orElse(null);
    return checkRun.run(publisherId, form.normalized(), clock.now(), null).findings();
  }

  /** The submission's status and findings, if the caller may see it: its publisher's users and the support team. */
  @Transactional(readOnly = true)
  public SubmissionStatus statusFor(String submissionId, Collection<String> callerGroups, boolean support) {
    Submission submission = submissions.findById(submissionId)
        .filter(s -> support || callerGroups.contains(Publisher.groupOf(s.getPublisherId())))
        .orElseThrow(() -> new SubmissionNotFoundException(submissionId));
    return new SubmissionStatus(submission.getId(), submission.getProcessInstanceId(), submission.getStatus().name(),
        submission.findings(), submission.getImageType());
  }




  /** The publisher of the caller's {@code isv-<id>} group, if the caller has one. */
  private String activePublisher(Collection<String> groups) {
    ActivePublishers.Standing standing = activePublishers.of(groups, RuleId.ACCT_2);
    if (!standing.active()) {
      throw new SubmissionRefusedException(standing.refused() == ActivePublishers.Refused.NOT_ACTIVE
          ? SubmissionRefusedException.Reason.NOT_ACTIVE : SubmissionRefusedException.Reason.NOT_A_PUBLISHER,
          standing.finding());
    }
    return standing.publisher().getId();
  }

  private Submission register(String publisherId, SubmissionForm submitted) {
    SubmissionForm form = submitted.normalized();
    StorableLengths.refuseUnstorable(form);
    return submissions.save(Submission.register(publisherId, form, secrets, clock.now()));
  }

  private void attach(Submission submission, String processInstanceId) {
    submission.attachTo(processInstanceId);
    submissions.save(submission);
    String group = Publisher.groupOf(submission.getPublisherId());
    // the instance was started in this same step: nobody holds a grant on it yet
    grants.createGroupGrant(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
    grants.createGroupGrant(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
        HistoricProcessInstancePermissions.READ);
  }


}
