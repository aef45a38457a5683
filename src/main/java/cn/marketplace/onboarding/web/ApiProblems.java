package cn.marketplace.onboarding.web;

import cn.marketplace.onboarding.application.AmendLinkInvalidException;
import cn.marketplace.onboarding.application.InvalidApplicationException;
import cn.marketplace.onboarding.submission.SubmissionNotFoundException;
import cn.marketplace.onboarding.submission.SubmissionRefusedException;
import cn.marketplace.onboarding.release.ReleaseNotFoundException;
import cn.marketplace.onboarding.release.ReleaseRefusedException;
import cn.marketplace.onboarding.rules.FindingView;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of our API as {@code application/problem+json}: bad fields listed one by one with
 * their rule, never a stack trace.
 */
@RestControllerAdvice(basePackages = "cn.marketplace.onboarding")
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
  private static final String TYPES = "https://marketplace-onboarding/problems/";

  @ExceptionHandler(InvalidApplicationException.class)
  ProblemDetail invalidApplication(InvalidApplicationException e, Locale requestLocale) {
    ProblemDetail problem = e.isConflict()
        ? problem(HttpStatus.CONFLICT, "duplicate-application", "Duplicate application",
            "An application for this company is already open or approved.")
        : problem(HttpStatus.BAD_REQUEST, "invalid-application", "Invalid application",
            "The application has " + e.errors().size() + " invalid field(s).");
    Locale locale = RuleMessages.locale(requestLocale.toLanguageTag());
    List<Map<String, String>> errors = e.errors().stream()
        .map(error -> Map.of("field", error.field(), "ruleId", error.ruleId().id(),
            "message", InvalidApplicationException.render(error, locale),
            "messageZh", InvalidApplicationException.render(error, RuleMessages.ZH_CN),
            "messageEn", InvalidApplicationException.render(error, RuleMessages.EN)))
        .toList();
    problem.setProperty("errors", errors);
    return problem;
  }

  @ExceptionHandler(AmendLinkInvalidException.class)
  ProblemDetail amendLinkInvalid() {
    return problem(HttpStatus.GONE, "amend-link-invalid", "Amendment link not usable",
        "This amendment link is unknown, used already or expired.");
  }

  @ExceptionHandler(SubmissionRefusedException.class)
  ProblemDetail submissionRefused(SubmissionRefusedException e) {
    boolean forbidden = e.reason().forbidden();
    ProblemDetail problem = forbidden
        ? problem(HttpStatus.FORBIDDEN, "not-allowed-to-publish", "Not allowed to publish", e.getMessage())
        : problem(HttpStatus.BAD_REQUEST, "invalid-submission", "Invalid submission", e.getMessage());
    problem.setProperty("reason", e.reason().name());
    return problem;
  }

  @ExceptionHandler(SubmissionNotFoundException.class)
  ProblemDetail submissionNotFound() {
    return problem(HttpStatus.NOT_FOUND, "submission-not-found", "Submission not found",
        "No submission with this id is visible to you.");
  }

  @ExceptionHandler(ReleaseRefusedException.class)
  ProblemDetail releaseRefused(ReleaseRefusedException e, Locale requestLocale) {
    HttpStatus status = switch (e.reason()) {
      case FORBIDDEN, NOT_ACTIVE -> HttpStatus.FORBIDDEN;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case INVALID -> HttpStatus.BAD_REQUEST;
    };
    Locale locale = RuleMessages.locale(requestLocale.toLanguageTag());
    List<FindingView> failures = FindingView.of(Findings.failures(e.findings()), locale);
    ProblemDetail problem = problem(status, "release-refused", "Release refused",
        failures.stream().map(FindingView::message).collect(Collectors.joining("\n")));
    problem.setProperty("reason", e.reason().name());
    problem.setProperty("findings", failures);
    return problem;
  }

  @ExceptionHandler(ReleaseNotFoundException.class)
  ProblemDetail releaseNotFound() {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
        "No such offer, release or publisher catalogue is visible to you.");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
        "The request body is not a well-formed JSON object of the expected fields and types.");
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** A problem of ours: {@code type} names it under {@link #TYPES}. */
  private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error in the API", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
        "Something went wrong on our side; nothing you sent was lost. Try again later.");
  }
}
