package cn.marketplace.onboarding.engine;

import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * The one way a step of ours is refused. A {@link FormFieldValidationException}, so that a start or
 * a task completion from Tasklist or the engine REST API is answered 400 with {@link #getMessage()}
 * (Tasklist shows it above the form) and leaves nothing behind; our API answers it as problem+json
 * with {@link #status()}, {@link #type()}, {@link #title()}, {@link #detail} and {@link #properties}
 * ({@code web/ApiProblems}), and so does the gate in front of the engine's APIs
 * ({@code security/EngineApiGate}). Each stage names its refusals as subclasses.
 */
public class Refusal extends FormFieldValidationException {

  /** What kind of refusal: the HTTP status our API answers with. */
  public enum Kind {
    INVALID(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), GONE(410), TOO_LARGE(413);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Where our problem types live: a refusal's {@link #type()} is a name under it. */
  public static final String PROBLEM_TYPES = "https://marketplace-onboarding/problems/";

  private final Kind kind;
  private final String type;
  private final String title;

  /**
   * @param id what the engine reports as the refused field(s)
   * @param type the problem type, a short name under our problem types
   */
  public Refusal(String id, Kind kind, String type, String title, String message) {
    super(id, message);
    this.kind = kind;
    this.type = type;
    this.title = title;
  }

  /** A value a form can't hold: the field and what is expected. */
  public static Refusal invalidField(String field, String message) {
    return new Refusal(field, Kind.INVALID, "invalid-field", "Invalid field", message);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return kind.status();
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** The problem's detail in the caller's language; the message unless a refusal knows better. */
  public String detail(Locale locale) {
    return getMessage();
  }

  /** Further members of the problem, in the caller's language. */
  public Map<String, Object> properties(Locale locale) {
    return Map.of();
  }
}
