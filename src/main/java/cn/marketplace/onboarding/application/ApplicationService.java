package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.engine.EngineClock;
import cn.marketplace.onboarding.engine.ProductStarts;
import cn.marketplace.onboarding.process.PublisherOnboarding;
import cn.marketplace.onboarding.rules.RuleMessages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applications: received, checked, amended and closed. */
@Service
public class ApplicationService {

  /** How long the applicant has to amend (the diagram's timer says the same). */
  public static final Duration AMEND_WINDOW = Duration.ofDays(14);

  private final ApplicationRepository applications;
  private final AmendLinkRepository amendLinks;
  private final ApplicationChecks checks;
  private final RuntimeService runtimeService;
  private final EngineClock clock;
  private final SecureRandom random = new SecureRandom();

  ApplicationService(ApplicationRepository applications, AmendLinkRepository amendLinks, ApplicationChecks checks,
      RuntimeService runtimeService, EngineClock clock) {
    this.applications = applications;
    this.amendLinks = amendLinks;
    this.checks = checks;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /** A public application: checked, stored, and its onboarding started, in one transaction. */
  @Transactional
  public SubmittedApplication submit(ApplicationForm submitted) {
    Application application = register(submitted);
    Map<String, Object> variables = processVariables(application);
    ProcessInstance instance = ProductStarts.start(application.getId(),
        () -> runtimeService.startProcessInstanceByKey(PublisherOnboarding.KEY, application.getId(), variables));
    return new SubmittedApplication(application.getId(), instance.getId(), application.getStatus().name());
  }

  /** The first step of an instance our API started for {@code applicationId}: links the application to it. */
  @Transactional
  public void attachProductStart(String applicationId, String processInstanceId) {
    Application application = get(applicationId);
    application.attachTo(processInstanceId);
    applications.save(application);
  }

  /** An application entered by staff in Tasklist's start form: the instance exists already. */
  @Transactional
  public Application registerStarted(Map<String, Object> variables, String processInstanceId) {
    Application application = register(ApplicationForm.fromVariables(variables));
    application.attachTo(processInstanceId);
    return applications.save(application);
  }

  /** What the instance shows and decides on: the application's fields, its id and a possible earlier one. */
  public Map<String, Object> processVariables(Application application) {
    Map<String, Object> variables = application.toForm().toVariables();
    variables.put(PublisherOnboarding.APPLICATION_ID, application.getId());
    variables.put(PublisherOnboarding.POSSIBLE_DUPLICATE_OF, application.getDuplicateOf() == null ? "" : application.getDuplicateOf());
    return variables;
  }

  /**
   * The application an onboarding step works on: the one linked to its instance in our tables, never
   * the variable; a variable naming another application stops the step.
   */
  public Application ofInstance(DelegateExecution execution) {
    Application application = applications.findByProcessInstanceId(execution.getProcessInstanceId())
        .orElseThrow(() -> new IllegalStateException("Instance " + execution.getProcessInstanceId()
            + " has no application"));
    ProductStarts.requireSame(execution, PublisherOnboarding.APPLICATION_ID, application.getId());
    return application;
  }

  /**
   * A second application for a company (APPLY-3: its credit code) with an open one is stored and
   * reviewed like any other, marked as a possible duplicate: whoever applies learns nothing about who
   * else applied; the earlier applicant is told by the process ({@code mailEarlierApplicant}).
   */
  private Application register(ApplicationForm submitted) {
    ApplicationForm form = submitted.normalized();
    Locale locale = RuleMessages.locale(form.language());
    List<FieldError> errors = checks.check(form);
    if (!errors.isEmpty()) {
      throw new InvalidApplicationException(errors, locale);
    }
    String earlier = applications.findByOpenCreditCode(form.unifiedSocialCreditCode()).map(Application::getId)
        .orElse(null);
    try {
      return applications.save(Application.open(form, earlier, clock.now()));
    } catch (DbActionExecutionException failed) {
      if (!(failed.getCause() instanceof DataIntegrityViolationException)) {
        throw failed;
      }
      // another application of the company came in at the same moment: the caller tries once more
      throw new ConcurrentApplicationException();
    }
  }

  /** Two applications of one company at the same moment; submitting again marks the second a duplicate. */
  public static class ConcurrentApplicationException extends RuntimeException {
    ConcurrentApplicationException() {
      super("another application for the same company was stored at the same moment");
    }
  }

  public Application get(String applicationId) {
    return applications.findById(applicationId)
        .orElseThrow(() -> new IllegalStateException("no application " + applicationId));
  }

  /** A new one-time amendment link; the token is returned once and only its hash is kept. */
  @Transactional
  public String createAmendLink(String applicationId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    amendLinks.save(new AmendLink(hash(token), applicationId, clock.now().plus(AMEND_WINDOW)));
    return token;
  }

  /** The application behind a usable amendment link, to fill the amendment form. */
  @Transactional(readOnly = true)
  public ApplicationForm amendmentFor(String token) {
    return get(usableLink(token).applicationId()).toForm();
  }

  /** The applicant's amendment: checked like a new application, then handed to the waiting instance. */
  @Transactional(noRollbackFor = AmendLinkInvalidException.class)
  public SubmittedApplication amend(String token, ApplicationForm submitted) {
    AmendLink link = usableLink(token);
    Application application = get(link.applicationId());
    ApplicationForm form = submitted.normalized();
    Locale locale = RuleMessages.locale(form.language());
    List<FieldError> errors = checks.check(form);
    if (!errors.isEmpty()) {
      throw new InvalidApplicationException(errors, locale);
    }
    String earlier = applications.findByOpenCreditCode(form.unifiedSocialCreditCode())
        .map(Application::getId).filter(id -> !id.equals(application.getId())).orElse(null);
    application.update(form, earlier, clock.now());
    link.use(clock.now());
    applications.save(application);
    amendLinks.save(link);
    runtimeService.createMessageCorrelation(PublisherOnboarding.APPLICATION_AMENDED)
        .processInstanceId(application.getProcessInstanceId())
        .setVariables(processVariables(application))
        .correlate();
    return new SubmittedApplication(application.getId(), application.getProcessInstanceId(),
        application.getStatus().name());
  }

  /** The end of an application: its outcome recorded, its links expired, the credit code freed if it failed. */
  @Transactional
  public void close(Application application, Application.Status outcome) {
    application.close(outcome, clock.now());
    applications.save(application);
    for (AmendLink link : amendLinks.findByApplicationId(application.getId())) {
      link.expire(clock.now());
      amendLinks.save(link);
    }
  }

  private AmendLink usableLink(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      throw new AmendLinkInvalidException();
    }
    return amendLinks.findById(hash(token))
        .filter(link -> link.usableAt(clock.now()))
        .orElseThrow(AmendLinkInvalidException::new);
  }

  private static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
