package cn.marketplace.onboarding.testsupport.paths;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Stands in for the {@code sendMail} delegate: records the template each mail step names (its
 * {@code template} input parameter) and, for a mail to staff, the group ({@code toGroup}).
 */
public class SentMails implements JavaDelegate {

  private final List<String> templates = new CopyOnWriteArrayList<>();

  @Override
  public void execute(DelegateExecution execution) {
    Object toGroup = execution.getVariableLocal("toGroup");
    templates.add(execution.getVariableLocal("template") + (toGroup == null ? "" : " to " + toGroup));
  }

  /** The templates mailed so far, in order; a staff mail as {@code template to group}. */
  public List<String> templates() {
    return List.copyOf(templates);
  }
}
