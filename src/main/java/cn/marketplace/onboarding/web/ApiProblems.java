package cn.marketplace.onboarding.web;

import cn.marketplace.onboarding.engine.Refusal;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.net.URI;
import java.util.Locale;
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
  private static final String TYPES = Refusal.PROBLEM_TYPES;

  /** Every refusal of a stage: its status, type, title and detail, and its own members, in the caller's language. */
  @ExceptionHandler(Refusal.class)
  ProblemDetail refused(Refusal e, Locale requestLocale) {
    Locale locale = RuleMessages.locale(requestLocale.toLanguageTag());
    ProblemDetail problem = problem(HttpStatus.valueOf(e.status()), e.type(), e.title(), e.detail(locale));
    e.properties(locale).forEach(problem::setProperty);
    return problem;
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
