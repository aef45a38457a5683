package cn.marketplace.onboarding.application;

import cn.marketplace.onboarding.notification.MailService;
import cn.marketplace.onboarding.notification.ProcessMailModel;
import cn.marketplace.onboarding.engine.StepKeys;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A reviewer asked for more: the applicant gets a one-time link to amend the application. */
@Component("requestMoreInfo")
class RequestMoreInfoDelegate implements JavaDelegate {

  static final String TEMPLATE = "more-info";

  private final ApplicationService applications;
  private final MailService mails;
  private final ProcessMailModel mailModel;

  RequestMoreInfoDelegate(ApplicationService applications, MailService mails, ProcessMailModel mailModel) {
    this.applications = applications;
    this.mails = mails;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = StepKeys.of(execution, TEMPLATE);
    if (mails.alreadySent(key)) {
      return;
    }
    Application application = applications.ofInstance(execution);
    String token = applications.createAmendLink(application.getId());
    Map<String, Object> model = mailModel.of(execution);
    model.put("amendUrl", model.get("baseUrl") + "/apply/?amend=" + token);
    // the link goes to the application's contact only, never to an address a variable names
    mails.send(key, TEMPLATE, application.getLanguage(), List.of(application.getContactEmail()), model);
  }
}
