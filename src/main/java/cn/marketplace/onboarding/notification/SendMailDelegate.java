package cn.marketplace.onboarding.notification;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * A mail from a diagram: input parameter {@code template} names it; it goes to the applicant
 * ({@code contactEmail}) in the applicant's {@code language}, or, with input parameter
 * {@code toGroup}, to every member of that group who has an address.
 */
@Component("sendMail")
class SendMailDelegate implements JavaDelegate {

  private final MailService mails;
  private final IdentityService identityService;
  private final ProcessMailModel mailModel;

  SendMailDelegate(MailService mails, IdentityService identityService, ProcessMailModel mailModel) {
    this.mails = mails;
    this.identityService = identityService;
    this.mailModel = mailModel;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = (String) execution.getVariableLocal("template");
    String toGroup = (String) execution.getVariableLocal("toGroup");
    List<String> recipients = toGroup == null
        ? List.of((String) execution.getVariable("contactEmail"))
        : identityService.createUserQuery().memberOfGroup(toGroup).list().stream()
            .map(User::getEmail).filter(email -> email != null && !email.isBlank()).toList();
    String language = toGroup == null ? (String) execution.getVariable("language") : "zh-CN";
    Map<String, Object> model = mailModel.of(execution);
    mails.send(StepKeys.of(execution, template), template, language, recipients, model);
  }
}
