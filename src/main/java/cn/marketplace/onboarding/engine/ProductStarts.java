package cn.marketplace.onboarding.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who may name the records an instance works on. Our API registers the application, submission or
 * release first and starts its instance with the record's id inside {@link #start}; every other
 * start (Tasklist's start form, the engine REST API) comes from a caller, whose variables may not name
 * identity or ownership: the first step registers the record itself, for the signed-in user.
 */
public final class ProductStarts {

  /** Variables that name whose an instance is or which records it works on: set by the product only. */
  public static final List<String> OWNERSHIP_VARIABLES =
      List.of("applicationId", "publisherId", "submissionId", "releaseId", "certificationReportId");

  private static final ThreadLocal<String> STARTING = new ThreadLocal<>();

  private ProductStarts() {}

  /** Starts the instance of {@code recordId}, registered by the product itself, in this thread. */
  public static <T> T start(String recordId, Supplier<T> start) {
    String outer = STARTING.get();
    STARTING.set(Objects.requireNonNull(recordId));
    try {
      return start.get();
    } finally {
      if (outer == null) {
        STARTING.remove();
      } else {
        STARTING.set(outer);
      }
    }
  }

  /** True in the synchronous first step of an instance the product starts for {@code recordId}. */
  public static boolean isProductStart(Object recordId) {
    return recordId != null && recordId.equals(STARTING.get());
  }

  /**
   * Refuses a start by a caller whose variables name an owner or a record, or whose
   * {@code initiatorVariable} (the diagram's {@code camunda:initiator}) names someone else than the
   * signed-in user: 400 naming the field. Answers the signed-in user, or null for an unauthenticated
   * command (a process test, the engine itself).
   */
  public static String refuseCallerOwnership(DelegateExecution execution, String initiatorVariable) {
    for (String name : OWNERSHIP_VARIABLES) {
      if (execution.getVariable(name) != null) {
        throw new FormFieldValidationException(name, name + ": is set by the product, never by whoever starts "
            + "the process; leave it out");
      }
    }
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = authentication == null ? null : authentication.getUserId();
    if (initiatorVariable != null) {
      Object claimed = execution.getVariable(initiatorVariable);
      if (claimed != null && !claimed.equals(user)) {
        throw new FormFieldValidationException(initiatorVariable, initiatorVariable
            + ": is the signed-in user who starts the process, never a value of the caller's; leave it out");
      }
    }
    return user;
  }

  /**
   * A step's check that the variable naming its record still names the record the product linked
   * to this instance: a mismatch stops the step (an incident), the record is never touched.
   */
  public static void requireSame(DelegateExecution execution, String variable, String recorded) {
    Object claimed = execution.getVariable(variable);
    if (claimed != null && !claimed.equals(recorded)) {
      throw new IllegalStateException("Instance " + execution.getProcessInstanceId() + ": variable " + variable
          + " was changed to " + claimed + ", but the instance belongs to " + recorded + "; refusing the step");
    }
  }
}
