package cn.marketplace.onboarding.web;

import cn.marketplace.onboarding.application.AmendLinkInvalidException;
import cn.marketplace.onboarding.application.InvalidApplicationException;
import cn.marketplace.onboarding.offer.SubmissionNotFoundException;
import cn.marketplace.onboarding.offer.SubmissionRefusedException;
import cn.marketplace.onboarding.release.ReleaseNotFoundException;
import cn.marketplace.onboarding.release.ReleaseRefusedException;
import cn.marketplace.onboarding.rules.FindingView;
import cn.marketplace.onboarding.rules.Findings;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    HttpStatus status = e.isConflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
        e.isConflict() ? "An application for this company is already open or approved."
            : "The application has " + e.errors().size() + " invalid field(s).");
    problem.setType(URI.create(TYPES + (e.isConflict() ? "duplicate-application" : "invalid-application")));
    problem.setTitle(e.isConflict() ? "Duplicate application" : "Invalid application");
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
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
        "This amendment link is unknown, used already or expired.");
    problem.setType(URI.create(TYPES + "amend-link-invalid"));
    problem.setTitle("Amendment link not usable");
    return problem;
  }

  @ExceptionHandler(SubmissionRefusedException.class)
  ProblemDetail submissionRefused(SubmissionRefusedException e) {
    boolean forbidden = e.reason().forbidden();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(forbidden ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST,
        e.getMessage());
    problem.setType(URI.create(TYPES + (forbidden ? "not-allowed-to-publish" : "invalid-submission")));
    problem.setTitle(forbidden ? "Not allowed to publish" : "Invalid submission");
    problem.setProperty("reason", e.reason().name());
    return problem;
  }

  @ExceptionHandler(SubmissionNotFoundException.class)
  ProblemDetail submissionNotFound() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "No submission with this id is visible to you.");
    problem.setType(URI.create(TYPES + "submission-not-found"));
    problem.setTitle("Submission not found");
    return problem;
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
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
        failures.stream().map(FindingView::message).collect(java.util.stream.Collectors.joining("\n")));
    problem.setType(URI.create(TYPES + "release-refused"));
    problem.setTitle("Release refused");
    problem.setProperty("reason", e.reason().name());
    problem.setProperty("findings", failures);
    return problem;
  }

  @ExceptionHandler(ReleaseNotFoundException.class)
  ProblemDetail releaseNotFound() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "No such offer, release or publisher catalogue is visible to you.");
    problem.setType(URI.create(TYPES + "not-found"));
    problem.setTitle("Not found");
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request body is not a well-formed JSON object of the expected fields and types.");
    problem.setType(URI.create(TYPES + "malformed-request"));
    problem.setTitle("Malformed request");
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error in the API", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; nothing you sent was lost. Try again later.");
    problem.setType(URI.create(TYPES + "internal"));
    return problem;
  }
}
