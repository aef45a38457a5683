package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.certification.policy.SubmissionPolicies;
import cn.marketplace.onboarding.certification.report.CertificationReportView;
import cn.marketplace.onboarding.certification.report.ReportViews;
import cn.marketplace.onboarding.engine.Groups;
import cn.marketplace.onboarding.rules.FindingView;
import cn.marketplace.onboarding.rules.PolicyRef;
import cn.marketplace.onboarding.rules.RuleMessages;
import cn.marketplace.onboarding.security.Caller;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Image submissions for ISV automation. The caller's publisher is the one of its {@code isv-<id>}
 * group; messages are in the language of {@code Accept-Language} (zh-CN or en).
 */
@RestController
@RequestMapping("/api/submissions")
@Tag(name = "Submissions", description = "Submit VM images for certification, check them first, follow them")
class SubmissionController {

  private final SubmissionService submissions;
  private final ReportViews reports;
  private final SubmissionPolicies certificationPolicies;

  SubmissionController(SubmissionService submissions, ReportViews reports, SubmissionPolicies certificationPolicies) {
    this.submissions = submissions;
    this.reports = reports;
    this.certificationPolicies = certificationPolicies;
  }

  /** The answer of a check: findings in the caller's language. */
  record FindingsAnswer(String id, String processInstanceId, String status, List<FindingView> findings) {}

  /**
   * A submission's status, its SKU's image type (IMG-TYPE-1), the findings of its last check and
   * certification, and its latest report.
   */
  record StatusAnswer(String id, String processInstanceId, String status,
      @Schema(allowableValues = {"gen1", "gen2"}) String generation,
      @Schema(allowableValues = {"x64", "arm64"}) String architecture, List<FindingView> findings,
      CertificationReportView certificationReport, PolicyRef certificationPolicy) {}

  @PostMapping
  @ApiResponse(responseCode = "201", description = "Stored: imageCertification started; Location names it",
      headers = @Header(name = "Location", description = "Where to follow it", schema = @Schema(type = "string")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmittedSubmission.class)))
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "403", ref = "Forbidden")
  @Operation(summary = "Submit an image for certification",
      description = "Users of an active publisher only (ACCT-2). Stores the submission, SAS URIs and VM credentials "
          + "encrypted, and starts imageCertification; the checks run in the background: follow them with GET.")
  ResponseEntity<SubmittedSubmission> submit(@RequestBody SubmissionForm form, Authentication caller) {
    SubmittedSubmission submitted = submissions.submit(Caller.groups(caller), form);
    return ResponseEntity.created(URI.create("/api/submissions/" + submitted.id())).body(submitted);
  }

  @PostMapping("/check")
  @ApiResponse(responseCode = "200", description = "The findings of every rule and VHD check")
  @ApiResponse(responseCode = "400", ref = "BadRequest")
  @ApiResponse(responseCode = "403", ref = "Forbidden")
  @Operation(summary = "Check a submission without submitting it",
      description = "Runs every submission rule and every VHD check (subjects osVhd, lun0, lun1, ...) and starts "
          + "nothing. Open to publishers, before activation too, and to the marketplace support team.")
  FindingsAnswer check(@RequestBody SubmissionForm form, Authentication caller, Locale locale) {
    return new FindingsAnswer(null, null, null,
        FindingView.of(submissions.dryRun(Caller.groups(caller), form), RuleMessages.locale(locale.toLanguageTag())));
  }

  @GetMapping("/{id}")
  @ApiResponse(responseCode = "200", description = "The submission")
  @ApiResponse(responseCode = "404", ref = "NotFound")
  @Operation(summary = "A submission's status, the findings of its last check and its certification report",
      description = "Visible to the users of its publisher and to the marketplace support team. The report "
          + "(certificationReport) is the latest certification run's: findings with evidence, the questionnaire's "
          + "answers, the image and the run's details.")
  StatusAnswer status(@PathVariable String id, Authentication caller, Locale locale) {
    List<String> groups = Caller.groups(caller);
    SubmissionStatus status = submissions.statusFor(id, groups, groups.contains(Groups.SUPPORT));
    Locale language = RuleMessages.locale(locale.toLanguageTag());
    return new StatusAnswer(status.id(), status.processInstanceId(), status.status(),
        status.imageType().generation().value(), status.imageType().architecture().value(),
        FindingView.of(status.findings(), language), reports.latest(status.id(), language).orElse(null),
        certificationPolicies.of(status.id()).orElse(null));
  }
}
