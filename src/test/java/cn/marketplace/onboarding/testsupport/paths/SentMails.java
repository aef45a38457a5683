package cn.marketplace.onboarding.testsupport.paths;

import cn.marketplace.onboarding.notification.MailStep;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Stands in for the {@code sendMail} delegate: records the template each mail step names (its
 * {@code template} extension property) and, for a mail to staff, the group ({@code toGroup}).
 */
public class SentMails implements JavaDelegate {

  private final List<String> templates = new CopyOnWriteArrayList<>();

  @Override
  public void execute(DelegateExecution execution) {
    MailStep step = MailStep.of(execution);
    templates.add(step.template() + (step.toGroup() == null ? "" : " to " + step.toGroup()));
  }

  /** The templates mailed so far, in order; a staff mail as {@code template to group}. */
  public List<String> templates() {
    return List.copyOf(templates);
  }
}
