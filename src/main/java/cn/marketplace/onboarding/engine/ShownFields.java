package cn.marketplace.onboarding.engine;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What a task's form shows from our records (an offer's content, a submission's findings), read when
 * the form is opened. A user task names its bean in the extension property {@code shownFields}
 * ({@code ${showRelease}}); the values reach the form as its form variables ({@link TaskForms}) and
 * are never stored as variables.
 */
public interface ShownFields {

  /** The property of a user task that names its {@code ShownFields} bean, as an expression. */
  String PROPERTY = "shownFields";

  /** The fields the form of {@code task} shows, by name; a null value shows as empty. */
  Map<String, Object> of(DelegateTask task);
}
